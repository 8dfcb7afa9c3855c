package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNormEmitterTest {
    private static final float[] X = {0, 1, 2, 4, -1, 3, 3, 0.5f, 2, 2, 5, -2};

    @Test
    void instanceNorm2dIsInstanceNormWithGammaThenBetaAsRawFloats() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 2, 2);
        Node n = t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(3), 1, 2, 3),
                t.floats("beta", Shape.of(3), 0, 1, -1)), s(1, 3, 2, 2));
        n.set("epsilon", 1e-3f);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=2 2=3
                InstanceNorm             instancenorm_0           1 1 in0 out0 0=3 1=1.0e-03 2=1
                """, t.param());
        NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
        assertEquals(List.of("gamma", "beta"), l.weights.stream().map(Weight::name).toList());
        assertEquals(List.of(false, false), l.weights.stream().map(Weight::flagged).toList());
        assertArrayEquals(normalized(X, 3, 4, new float[] {1, 2, 3}, new float[] {0, 1, -1}, 1e-3),
                t.run(Mat.of(s(3, 2, 2), X)).data(), 1e-5f);
    }

    @Test
    void unitScaleAndZeroBiasWriteNoWeights() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 2, 3);
        t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(2), 1, 1),
                t.floats("beta", Shape.of(2), 0, 0)), s(1, 2, 2, 3));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2 2=2
                InstanceNorm             instancenorm_0           1 1 in0 out0 0=2 1=1.0e-05 2=0
                """, t.param());
        assertEquals(List.of(), LowerToNcnn.lower(t.g).layers.get(1).weights);
    }

    @Test
    void instanceNorm1dIsGroupNormWithAGroupPerChannel() {
        // ncnn InstanceNorm would normalise the whole 2-D [C, L] blob as one channel
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4);
        t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(3), 1, 2, 3),
                t.floats("beta", Shape.of(3), 0, 1, -1)), s(1, 3, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4 1=3
                GroupNorm                groupnorm_0              1 1 in0 out0 0=3 1=3 2=1.0e-05 3=1
                """, t.param());
        assertArrayEquals(normalized(X, 3, 4, new float[] {1, 2, 3}, new float[] {0, 1, -1}, 1e-5),
                t.run(Mat.of(s(3, 4), X)).data(), 1e-5f);
    }

    @Test
    void groupNormalizationNormalisesConsecutiveChannelsTogether() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 3);
        Node n = t.op("GroupNormalization", List.of(x, t.floats("gamma", Shape.of(4), 1, 2, 3, 4),
                t.floats("beta", Shape.of(4), 0, 1, 0, -1)), s(1, 4, 3));
        n.set("num_groups", 2).set("epsilon", 1e-3f);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=4
                GroupNorm                groupnorm_0              1 1 in0 out0 0=2 1=4 2=1.0e-03 3=1
                """, t.param());
        float[] groups = normalized(X, 2, 6, new float[] {1, 1}, new float[] {0, 0}, 1e-3);
        float[] expect = new float[12];
        float[] gamma = {1, 2, 3, 4};
        float[] beta = {0, 1, 0, -1};
        for (int i = 0; i < 12; i++) {
            expect[i] = groups[i] * gamma[i / 3] + beta[i / 3];
        }
        assertArrayEquals(expect, t.run(Mat.of(s(4, 3), X)).data(), 1e-5f);
    }

    @Test
    void opset18ScaleAndBiasPerGroupAreRepeatedOverTheGroupsChannels() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 2, 2);
        t.op("GroupNormalization", List.of(x, t.floats("gamma", Shape.of(2), 2, 3),
                t.floats("beta", Shape.of(2), 0, 1)), s(1, 4, 2, 2)).set("num_groups", 2);
        NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
        assertArrayEquals(new float[] {2, 2, 3, 3}, l.weights.get(0).data().toFloats());
        assertArrayEquals(new float[] {0, 0, 1, 1}, l.weights.get(1).data().toFloats());
    }

    @Test
    void channelsThatDoNotSplitIntoTheGroupsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 3);
        t.op("GroupNormalization", List.of(x, t.floats("gamma", Shape.of(4), 1, 1, 1, 1),
                t.floats("beta", Shape.of(4), 0, 0, 0, 0)), s(1, 4, 3)).set("num_groups", 3);
        assertEquals("4 channels do not split into 3 groups", t.refusal());
    }

    @Test
    void aScaleWithTheWrongCountIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 3);
        t.op("GroupNormalization", List.of(x, t.floats("gamma", Shape.of(3), 1, 1, 1),
                t.floats("beta", Shape.of(4), 0, 0, 0, 0)), s(1, 4, 3)).set("num_groups", 2);
        assertEquals("GroupNormalization scale/bias [3] does not have 4 values (one per channel) or 2 (one per group)",
                t.refusal());
    }

    @Test
    void anInstanceNormScaleWithTheWrongCountIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 3);
        t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(1), 1), t.floats("beta", Shape.of(2), 0, 0)),
                s(1, 2, 3, 3));
        assertEquals("InstanceNormalization scale/bias [1] does not have 2 values (one per channel)", t.refusal());
    }

    @Test
    void aBatchKeptAsNcnnsOutermostAxisIsRefused() {
        // the Transpose moves data across samples, so x keeps its batch of 3 as ncnn's c
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 3, 4, 5);
        t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(4), 1, 1, 1, 1),
                t.floats("beta", Shape.of(4), 0, 0, 0, 0)), s(3, 4, 5));
        t.op("Transpose", List.of(x), s(4, 3, 5)).set("perm", new long[] {1, 0, 2});
        assertEquals("the channel axis of [3,4,5] is not ncnn's outermost axis", t.refusal());
    }

    @Test
    void anUnknownChannelCountIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, -1, 4);
        t.op("InstanceNormalization", List.of(x, t.floats("gamma", Shape.of(1), 1), t.floats("beta", Shape.of(1), 0)),
                s(1, -1, 4));
        assertEquals("the channel count of [1,?,4] is unknown", t.refusal());
    }

    /** Each of {@code rows} runs of {@code size} values normalised (double precision), then gamma, beta per row. */
    private static float[] normalized(float[] x, int rows, int size, float[] gamma, float[] beta, double eps) {
        float[] out = new float[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += x[r * size + i];
            }
            mean /= size;
            double var = 0;
            for (int i = 0; i < size; i++) {
                var += (x[r * size + i] - mean) * (x[r * size + i] - mean);
            }
            var /= size;
            for (int i = 0; i < size; i++) {
                out[r * size + i] = (float) ((x[r * size + i] - mean) / Math.sqrt(var + eps) * gamma[r] + beta[r]);
            }
        }
        return out;
    }
}

package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseConvBatchNormTest {
    private static Tensor t(int[] shape, float... v) {
        return Tensor.ofFloats(Shape.of(shape), v);
    }

    private static Tensor vec(float... v) {
        return Tensor.ofFloats(Shape.of(v.length), v);
    }

    /** BatchNormalization reading y; with scale [2,6], var + eps = [4,9] the scales are s = [1,2], shifts t = [-0.5,-3]. */
    private static Node bn(Graph g, Value y) {
        Node bn = g.addNode("BatchNormalization", "bn", List.of(y, g.constant("scale", vec(2, 6)),
                g.constant("B", vec(0.5f, 1)), g.constant("mean", vec(1, 2)), g.constant("var", vec(3.75f, 8.75f))),
                List.of("z"));
        bn.set("epsilon", 0.25f);
        g.addOutput(bn.output(0));
        return bn;
    }

    @Test
    void convWeightsAndBiasAreScaledPerOutputChannel() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 1, 3, 3));
        Node conv = g.addNode("Conv", "conv", List.of(x, g.constant("W", t(new int[] {2, 1, 1, 2}, 1, 2, 3, 4)),
                g.constant("b", vec(1, -1))), List.of("y"));
        conv.set("pads", new long[] {0, 1, 0, 0});
        Value z = bn(g, conv.output(0)).output(0);

        assertTrue(new FuseConvBatchNorm().run(g));

        assertEquals(1, g.nodes().size());
        Node fused = g.nodes().get(0);
        assertEquals("Conv", fused.op());
        assertEquals("conv", fused.name());
        assertSame(z, fused.output(0));
        assertArrayEquals(new long[] {0, 1, 0, 0}, fused.getInts("pads"));
        // W' = W * s[c]; b' = b * s + t = [1 - 0.5, -2 - 3]
        assertArrayEquals(new float[] {1, 2, 6, 8}, fused.input(1).constant().toFloats());
        assertEquals(Shape.of(2, 1, 1, 2), fused.input(1).constant().shape());
        assertArrayEquals(new float[] {0.5f, -5}, fused.input(2).constant().toFloats());
    }

    @Test
    void foldedConvComputesWhatConvThenBatchNormComputes() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2, 3, 3));
        float[] w = {0.3f, -1.2f, 0.7f, 0.05f, 2.5f, -0.4f, 1.1f, 0.9f, -0.6f, 0.2f, 0.8f, -1.5f, 0.4f, 0.1f, -0.3f, 1.7f};
        Node conv = g.addNode("Conv", "conv", List.of(x, g.constant("W", t(new int[] {2, 2, 2, 2}, w))),
                List.of("y"));
        float[] scale = {1.3f, -0.7f};
        float[] shift = {0.25f, -2};
        float[] mean = {0.6f, -1.1f};
        float[] var = {2.2f, 0.35f};
        Node bn = g.addNode("BatchNormalization", "bn", List.of(conv.output(0), g.constant("scale", vec(scale)),
                g.constant("B", vec(shift)), g.constant("mean", vec(mean)), g.constant("var", vec(var))), List.of("z"));
        g.addOutput(bn.output(0));
        float[] in = {1, -2, 0.5f, 3, 0.25f, -1, 2, 1.5f, -0.75f, 0.1f, 0.9f, -1.3f, 2.2f, -0.4f, 0.6f, 1.8f, -2.1f, 0.3f};

        // the BatchNormalization definition applied to the unfolded convolution
        double[] expected = conv2x2(in, w, new double[2]);
        for (int i = 0; i < expected.length; i++) {
            int c = i / 4;
            expected[i] = (expected[i] - mean[c]) / Math.sqrt(var[c] + 1e-5f) * scale[c] + shift[c];
        }

        assertTrue(new FuseConvBatchNorm().run(g));
        Node fused = g.nodes().get(0);
        double[] bias = fused.input(2).constant().toDoubles();
        double[] actual = conv2x2(in, fused.input(1).constant().toFloats(), bias);
        assertArrayEquals(expected, actual, 1e-5);
    }

    /** Valid 2x2 convolution of a [2,3,3] input with a [2,2,2,2] weight, giving [2,2,2]. */
    private static double[] conv2x2(float[] in, float[] w, double[] bias) {
        double[] out = new double[8];
        for (int o = 0; o < 2; o++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    double sum = bias[o];
                    for (int i = 0; i < 2; i++) {
                        for (int ky = 0; ky < 2; ky++) {
                            for (int kx = 0; kx < 2; kx++) {
                                sum += in[i * 9 + (y + ky) * 3 + x + kx] * w[((o * 2 + i) * 2 + ky) * 2 + kx];
                            }
                        }
                    }
                    out[o * 4 + y * 2 + x] = sum;
                }
            }
        }
        return out;
    }

    @Test
    void convTransposeScalesItsSecondWeightAxis() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2, 3, 3));
        // W [Cin=2, Cout=2, 1, 1]: output channel is the second axis, s = [1, 2]
        Node deconv = g.addNode("ConvTranspose", "deconv", List.of(x, g.constant("W", t(new int[] {2, 2, 1, 1},
                1, 2, 3, 4))), List.of("y"));
        bn(g, deconv.output(0));
        assertTrue(new FuseConvBatchNorm().run(g));
        Node fused = g.nodes().get(0);
        assertEquals("ConvTranspose", fused.op());
        assertArrayEquals(new float[] {1, 4, 3, 8}, fused.input(1).constant().toFloats());
        assertArrayEquals(new float[] {-0.5f, -3}, fused.input(2).constant().toFloats());
    }

    @Test
    void groupedConvTransposeMapsInputChannelsToTheirGroupsOutputs() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 4, 3, 3));
        // W [Cin=4, Cout/group=1, 1, 1], group 2: input channels 0,1 feed output 0, channels 2,3 output 1
        Node deconv = g.addNode("ConvTranspose", "deconv", List.of(x, g.constant("W", t(new int[] {4, 1, 1, 1},
                1, 2, 3, 4))), List.of("y"));
        deconv.set("group", 2);
        bn(g, deconv.output(0));
        assertTrue(new FuseConvBatchNorm().run(g));
        assertArrayEquals(new float[] {1, 2, 6, 8}, g.nodes().get(0).input(1).constant().toFloats());
        assertEquals(2L, g.nodes().get(0).getInt("group", 1));
    }

    @Test
    void gemmFoldsAlphaBetaAndTheNormalisation() {
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(1, 3));
        // op(B) = B^T = [[1, 4], [2, 5], [3, 6]]: column c is output channel c
        Node gemm = g.addNode("Gemm", "fc", List.of(a, g.constant("B", t(new int[] {2, 3}, 1, 2, 3, 4, 5, 6)),
                g.constant("C", vec(2, 4))), List.of("y"));
        gemm.set("transB", 1).set("alpha", 2f).set("beta", 0.5f);
        bn(g, gemm.output(0));
        assertTrue(new FuseConvBatchNorm().run(g));
        Node fused = g.nodes().get(0);
        // B' rows scaled by alpha * s = [2, 4]; C' = 0.5 * C * s + t = [1 - 0.5, 4 - 3]
        assertArrayEquals(new float[] {2, 4, 6, 16, 20, 24}, fused.input(1).constant().toFloats());
        assertArrayEquals(new float[] {0.5f, 1}, fused.input(2).constant().toFloats());
        assertEquals(1f, fused.getFloat("alpha", 0));
        assertEquals(1f, fused.getFloat("beta", 0));
        assertEquals(1L, fused.getInt("transB", 0));
    }

    @Test
    void convOutputReadElsewhereIsNotFolded() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 1, 3, 3));
        Node conv = g.addNode("Conv", "conv", List.of(x, g.constant("W", t(new int[] {2, 1, 1, 1}, 1, 2))),
                List.of("y"));
        bn(g, conv.output(0));
        g.addOutput(conv.output(0));
        assertFalse(new FuseConvBatchNorm().run(g));
        assertEquals(2, g.nodes().size());
    }
}

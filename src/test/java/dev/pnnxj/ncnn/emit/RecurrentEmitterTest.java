package dev.pnnxj.ncnn.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.RNN;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.MergeConsecutive;
import dev.pnnxj.passes.MovesAsReshape;
import dev.pnnxj.passes.PassPipeline;
import dev.pnnxj.passes.RecurrentToBatchFirst;
import dev.pnnxj.passes.RemoveIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** ONNX LSTM/GRU/RNN as PyTorch exports them, through RecurrentToBatchFirst to ncnn layers. */
class RecurrentEmitterTest {
    private final Graph g = new Graph();

    private Value op(String type, List<Value> in, int outputs) {
        List<String> hints = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            hints.add(type.toLowerCase() + i);
        }
        return g.addNode(type, null, in, hints).output(0);
    }

    private Value floats(int[] dims, float... v) {
        return g.constant("w", Tensor.ofFloats(Shape.of(dims), v));
    }

    private static float[] ramp(int n, float start) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i;
        }
        return v;
    }

    /**
     * batch_first torch export: Transpose → op (W, R, B given, initial state zeros) → Squeeze(1)
     * (or Transpose(0,2,1,3)+Reshape when bidirectional) → Transpose.
     */
    private Node recurrent(String op, int gates, int dirs, int input, int hidden, int seq) {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, seq, input));
        Value xt = op("Transpose", List.of(x), 1);
        xt.producer().set("perm", new long[] {1, 0, 2});
        List<Value> in = new ArrayList<>(List.of(xt,
                floats(new int[] {dirs, gates * hidden, input}, ramp(dirs * gates * hidden * input, 1)),
                floats(new int[] {dirs, gates * hidden, hidden}, ramp(dirs * gates * hidden * hidden, 100)),
                floats(new int[] {dirs, 2 * gates * hidden}, ramp(dirs * 2 * gates * hidden, 1000))));
        in.add(null);
        in.add(floats(new int[] {dirs, 1, hidden}, new float[dirs * hidden]));
        Value y = op(op, in, 2);
        Node rnn = y.producer();
        rnn.set("hidden_size", hidden);
        if (dirs == 2) {
            rnn.set("direction", "bidirectional");
        }
        Value merged;
        if (dirs == 1) {
            merged = op("Squeeze", List.of(y, g.constant("axes", Tensor.ofLongs(Shape.of(1), 1))), 1);
        } else {
            Value t = op("Transpose", List.of(y), 1);
            t.producer().set("perm", new long[] {0, 2, 1, 3});
            merged = op("Reshape", List.of(t, g.constant("shape", Tensor.ofLongs(Shape.of(3), 0, 0, -1))), 1);
        }
        Value out = op("Transpose", List.of(merged), 1);
        out.producer().set("perm", new long[] {1, 0, 2});
        g.addOutput(out);
        return rnn;
    }

    private NcnnModel lower() {
        new PassPipeline().repeat(8, new FoldConstants(), new RecurrentToBatchFirst(), new MovesAsReshape(),
                new RemoveIdentity(), new MergeConsecutive(), new EliminateDeadNodes()).run(g);
        return LowerToNcnn.lower(g);
    }

    @Test
    void batchFirstLstmWithItsGlueIsOneLayer() {
        recurrent("LSTM", 4, 1, 3, 2, 5);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                LSTM                     lstm_0                   1 1 in0 out0 0=2 1=24 2=0
                """, ParamWriter.toString(lower()));
    }

    @Test
    void bidirectionalLstmWithItsGlueIsOneLayer() {
        recurrent("LSTM", 4, 2, 3, 2, 5);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                LSTM                     lstm_0                   1 1 in0 out0 0=2 1=48 2=2
                """, ParamWriter.toString(lower()));
    }

    @Test
    void lstmGatesGoFromIofcToIfocWithSummedBiases() {
        recurrent("LSTM", 4, 1, 1, 1, 2);
        List<Weight> w = lower().layers.get(1).weights;
        assertArrayEquals(new float[] {1, 3, 2, 4}, w.get(0).data().toFloats());
        // Wb = 1000..1003 and Rb = 1004..1007 in i,o,f,c order
        assertArrayEquals(new float[] {2004, 2008, 2006, 2010}, w.get(1).data().toFloats());
        assertArrayEquals(new float[] {100, 102, 101, 103}, w.get(2).data().toFloats());
    }

    @Test
    void gruGatesGoFromZrhToRznAndTheNewGateKeepsBothBiases() {
        recurrent("GRU", 3, 1, 1, 1, 2).set("linear_before_reset", 1);
        List<Weight> w = lower().layers.get(1).weights;
        assertArrayEquals(new float[] {2, 1, 3}, w.get(0).data().toFloats());
        // Wb = 1000..1002 and Rb = 1003..1005 in z,r,h order: rows r, z, Wb_n, Rb_n
        assertArrayEquals(new float[] {2005, 2003, 1002, 1005}, w.get(1).data().toFloats());
        assertArrayEquals(new float[] {101, 100, 102}, w.get(2).data().toFloats());
    }

    @Test
    void rnnBiasIsTheSumOfBoth() {
        recurrent("RNN", 1, 1, 2, 1, 2);
        List<Weight> w = lower().layers.get(1).weights;
        assertArrayEquals(new float[] {1, 2}, w.get(0).data().toFloats());
        assertArrayEquals(new float[] {2001}, w.get(1).data().toFloats());
        assertArrayEquals(new float[] {100}, w.get(2).data().toFloats());
    }

    /** Replays each layer's load_model sizes from its params, as ncnn computes them. */
    @Test
    void weightDataSizeGivesTheSizesOfTheWrittenWeights() {
        String[] ops = {"LSTM", "GRU", "RNN"};
        int[] gates = {4, 3, 1};
        for (int k = 0; k < 3; k++) {
            for (int dirs = 1; dirs <= 2; dirs++) {
                RecurrentEmitterTest t = new RecurrentEmitterTest();
                Node n = t.recurrent(ops[k], gates[k], dirs, 5, 3, 4);
                n.set("linear_before_reset", 1);
                NcnnLayer l = t.lower().layers.get(1);
                int hidden = l.params.getInt(RNN.NUM_OUTPUT);
                int wds = l.params.getInt(RNN.WEIGHT_DATA_SIZE);
                int d = l.params.getInt(RNN.DIRECTION) == 2 ? 2 : 1;
                int size = wds / d / hidden / gates[k];
                int biasRows = k == 2 ? 1 : 4;
                long[] expected = {(long) size * hidden * gates[k] * d, (long) hidden * biasRows * d,
                    (long) hidden * hidden * gates[k] * d};
                assertEquals(5, size, ops[k]);
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected[i], l.weights.get(i).data().numel(), ops[k] + " weight " + i);
                    assertTrue(l.weights.get(i).flagged(), "ncnn loads recurrent weights with type 0");
                }
            }
        }
    }

    @Test
    void initialStatesFromInputsAndFinalStatesBecomeExtraBlobs() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 4, 3));
        Value h0 = g.addInput("h0", DType.FLOAT32, Shape.of(1, 1, 2));
        Value c0 = g.addInput("c0", DType.FLOAT32, Shape.of(1, 1, 2));
        List<Value> in = new ArrayList<>(List.of(x, floats(new int[] {1, 8, 3}, ramp(24, 0)),
                floats(new int[] {1, 8, 2}, ramp(16, 0)), floats(new int[] {1, 16}, ramp(16, 0))));
        in.add(null);
        in.add(h0);
        in.add(c0);
        Value y = op("LSTM", in, 3);
        Node lstm = y.producer();
        lstm.set("hidden_size", 2).set("layout", 1);
        g.addOutput(y);
        g.addOutput(lstm.output(1));
        g.addOutput(lstm.output(2));
        assertEquals("""
                7767517
                5 7
                Input                    input_0                  0 1 in0 0=3 1=4
                Input                    input_1                  0 1 in1 0=2 1=1
                Input                    input_2                  0 1 in2 0=2 1=1
                LSTM                     lstm_0                   3 3 in0 in1 in2 0 out1 out2 0=2 1=24 2=0
                Reshape                  reshape_0                1 1 0 out0 0=2 1=1 2=4
                """, ParamWriter.toString(lower()));
    }

    @Test
    void gruWithResetBeforeTheProductIsRefused() {
        recurrent("GRU", 3, 1, 1, 1, 2);
        assertRefused("ncnn GRU applies the reset gate after the recurrent product (linear_before_reset=1); "
                + "this GRU has linear_before_reset=0", this::lower);
    }

    @Test
    void lstmWithPeepholesIsRefused() {
        Node n = recurrent("LSTM", 4, 1, 1, 1, 2);
        n.setInput(7, floats(new int[] {1, 3}, 1, 2, 3));
        assertRefused("ncnn LSTM has no peephole connections (input P)", this::lower);
    }

    private static void assertRefused(String reason, Executable lowering) {
        UnsupportedNodesException e = assertThrows(
                UnsupportedNodesException.class, lowering);
        assertEquals(reason, e.problems().get(0).reason());
    }

    @Test
    void lstmWithProjectionWritesHiddenSizeAndWeightHr() {
        // hidden 2 projected to 1: R is [1, 8, 1], the projection (input 8) [1, 1, 2]
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 2);
        List<Value> in = new ArrayList<>(List.of(x, t.floats("W", Shape.of(1, 8, 2), ramp(16, 0)),
                t.floats("R", Shape.of(1, 8, 1), ramp(8, 0))));
        in.addAll(java.util.Arrays.asList(null, null, null, null, null));
        in.add(t.floats("P", Shape.of(1, 1, 2), 0.5f, -1f));
        Node n = t.op("BatchFirstLSTM", in, TinyGraph.s(1, 3, 1));
        n.set("hidden_size", 2);
        assertEquals("LSTM                     lstm_0                   1 1 in0 out0 0=1 1=16 2=0 3=2",
                t.param().lines().toList().get(3));
        NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
        assertEquals(List.of("weight_xc", "bias_c", "weight_hc", "weight_hr"),
                l.weights.stream().map(w -> w.name().substring(w.name().lastIndexOf('.') + 1)).toList());
        assertEquals(Shape.of(1, 8, 1), l.weights.get(2).data().shape());
        assertArrayEquals(new float[] {0.5f, -1f}, l.weights.get(3).data().toFloats());
    }
}

package dev.pnnxj.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAxisTest {
    private static Graph oneOp(int[] in, String op, int[] out, Object... attrs) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(in));
        Node n = g.addNode(op, "n", List.of(x), List.of("y"));
        for (int i = 0; i < attrs.length; i += 2) {
            n.set((String) attrs[i], attrs[i + 1]);
        }
        n.output(0).setShape(Shape.of(out));
        g.addOutput(n.output(0));
        return g;
    }

    @Test
    void framesViewedAsOneClipMix() {
        Graph g = oneOp(new int[] {10, 6, 4, 4}, "Reshape", new int[] {1, 10, 6, 4, 4});
        assertTrue(BatchAxis.mixed(g));
        BatchAxis batch = BatchAxis.of(g);
        assertTrue(batch.keepsAxis0(g.inputs().get(0)));
        assertFalse(batch.keepsAxis0(g.value("y"))); // the clip's batch of 1 is dropped: same ncnn blob
    }

    @Test
    void transposeOrSoftmaxAcrossSamplesMix() {
        assertTrue(BatchAxis.mixed(oneOp(new int[] {4, 4}, "Transpose", new int[] {4, 4}, "perm", new long[] {1, 0})));
        assertTrue(BatchAxis.mixed(oneOp(new int[] {4, 3}, "Softmax", new int[] {4, 3}, "axis", 0L)));
    }

    @Test
    void cumSumMixesOnlyAlongItsAxisInputWhenThatIsAxis0() {
        for (long axis : new long[] {0, -2, 1}) {
            Graph g = oneOp(new int[] {4, 3}, "CumSum", new int[] {4, 3});
            g.nodes().get(0).addInput(g.constant("axis", Tensor.ofLongs(Shape.SCALAR, axis)));
            assertEquals(axis != 1, BatchAxis.mixed(g), "axis " + axis);
        }
    }

    @Test
    void perSampleOpsDoNotMix() {
        assertFalse(BatchAxis.mixed(oneOp(new int[] {10, 3, 4, 4}, "Relu", new int[] {10, 3, 4, 4})));
    }

    @Test
    void withoutABatchDefiningOpATensorIsHeldWhole() {
        Graph g = oneOp(new int[] {2, 16}, "Relu", new int[] {2, 16});
        BatchAxis b = BatchAxis.of(g);
        assertEquals(BatchAxis.Layout.WHOLE, b.layout(g.inputs().get(0)));
        assertTrue(b.keepsAxis0(g.inputs().get(0)));
        assertEquals(0, b.batch(g.value("y")));
    }

    @Test
    void aConvolutionMakesAxis0ABatchThatNcnnCarriesAsMatN() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(3, 4, 8, 8));
        Value w = g.constant("w", Tensor.ofFloats(Shape.of(2, 4, 1, 1), new float[8]));
        Node conv = g.addNode("Conv", "conv", List.of(x, w), List.of("y"));
        conv.output(0).setShape(Shape.of(3, 2, 8, 8));
        g.addOutput(conv.output(0));
        BatchAxis b = BatchAxis.of(g);
        assertEquals(BatchAxis.Layout.BATCHED, b.layout(x));
        assertFalse(b.keepsAxis0(x));
        assertEquals(3, b.batch(x));
        assertEquals(3, b.batch(g.value("y")));
    }

    @Test
    void batchOneAttentionMovingTheSequenceOntoAxis0Mixes() {
        Graph g = oneOp(new int[] {1, 16, 8}, "Transpose", new int[] {16, 1, 8}, "perm", new long[] {1, 0, 2});
        assertTrue(BatchAxis.mixed(g));
        BatchAxis batch = BatchAxis.of(g);
        assertFalse(batch.keepsAxis0(g.inputs().get(0)));
        assertTrue(batch.keepsAxis0(g.value("y")));
    }

    @Test
    void integerShapeGlueDoesNotMix() {
        Graph g = oneOp(new int[] {1, 3, 8, 8}, "Shape", new int[] {4});
        g.value("y").setDtype(DType.INT64);
        assertFalse(BatchAxis.mixed(g));
    }
}

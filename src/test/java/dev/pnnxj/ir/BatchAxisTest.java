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
        BatchAxis.mark(g);
        assertTrue(g.inputs().get(0).batchKept());
        assertFalse(g.value("y").batchKept()); // the clip's batch of 1 is dropped: same ncnn blob
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
    void perSampleOpsOrBatchOneDoNotMix() {
        Graph perSample = oneOp(new int[] {10, 3, 4, 4}, "Relu", new int[] {10, 3, 4, 4});
        assertFalse(BatchAxis.mixed(perSample));
        BatchAxis.mark(perSample);
        assertFalse(perSample.inputs().get(0).batchKept());
    }

    @Test
    void batchOneAttentionMovingTheSequenceOntoAxis0Mixes() {
        Graph g = oneOp(new int[] {1, 16, 8}, "Transpose", new int[] {16, 1, 8}, "perm", new long[] {1, 0, 2});
        assertTrue(BatchAxis.mixed(g));
        BatchAxis.mark(g);
        assertFalse(g.inputs().get(0).batchKept());
        assertTrue(g.value("y").batchKept());
    }

    @Test
    void integerShapeGlueDoesNotMix() {
        Graph g = oneOp(new int[] {1, 3, 8, 8}, "Shape", new int[] {4});
        g.value("y").setDtype(DType.INT64);
        assertFalse(BatchAxis.mixed(g));
    }
}

package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseChannelShuffleTest {
    /** Reshape(x) → mid, Transpose(perm), Reshape → out. */
    private static Graph chain(int[] in, int[] mid, long[] perm, int[] out) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(in));
        Value a = step(g, "Reshape", List.of(x, shapeOf(g, "s1", mid)), mid);
        int[] permuted = new int[mid.length];
        for (int i = 0; i < mid.length; i++) {
            permuted[i] = mid[(int) perm[i]];
        }
        Node t = g.addNode("Transpose", "t", List.of(a), List.of("t"));
        t.set("perm", perm);
        t.output(0).setShape(Shape.of(permuted));
        t.output(0).setDtype(DType.FLOAT32);
        g.addOutput(step(g, "Reshape", List.of(t.output(0), shapeOf(g, "s2", out)), out));
        return g;
    }

    private static Value shapeOf(Graph g, String name, int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return g.constant(name, Tensor.ofLongs(Shape.of(l.length), l));
    }

    private static Value step(Graph g, String op, List<Value> in, int[] out) {
        Node n = g.addNode(op, null, in, List.of(op.toLowerCase()));
        n.output(0).setShape(Shape.of(out));
        n.output(0).setDtype(DType.FLOAT32);
        return n.output(0);
    }

    @Test
    void channelShuffleBecomesShuffleChannel() {
        Graph g = chain(new int[] {1, 8, 4, 4}, new int[] {1, 2, 4, 4, 4}, new long[] {0, 2, 1, 3, 4},
                new int[] {1, 8, 4, 4});
        assertTrue(new FuseChannelShuffle().run(g));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4 1=4 2=8
                ShuffleChannel           shufflechannel_0         1 1 in0 out0 0=2
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }

    @Test
    void sixDimensionalPixelShuffleBecomesPixelShuffleInBothOrders() {
        Graph crd = chain(new int[] {1, 8, 3, 5}, new int[] {1, 2, 2, 2, 3, 5}, new long[] {0, 1, 4, 2, 5, 3},
                new int[] {1, 2, 6, 10});
        assertTrue(new FuseChannelShuffle().run(crd));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=3 2=8
                PixelShuffle             pixelshuffle_0           1 1 in0 out0 0=2
                """, ParamWriter.toString(LowerToNcnn.lower(crd)));
        Graph dcr = chain(new int[] {1, 8, 3, 5}, new int[] {1, 2, 2, 2, 3, 5}, new long[] {0, 3, 4, 1, 5, 2},
                new int[] {1, 2, 6, 10});
        assertTrue(new FuseChannelShuffle().run(dcr));
        Node n = dcr.nodes().get(0);
        assertEquals("DepthToSpace", n.op());
        assertEquals("DCR", n.getString("mode", ""));
        assertEquals("0=2 1=1", LowerToNcnn.lower(dcr).layers.get(1).params.toParamString());
    }

    @Test
    void otherPermutationsAndShapesAreLeftAlone() {
        Graph swapHw = chain(new int[] {1, 8, 4, 4}, new int[] {1, 2, 4, 4, 4}, new long[] {0, 1, 2, 4, 3},
                new int[] {1, 8, 4, 4});
        assertFalse(new FuseChannelShuffle().run(swapHw));
        Graph flattened = chain(new int[] {1, 8, 4, 4}, new int[] {1, 2, 4, 4, 4}, new long[] {0, 2, 1, 3, 4},
                new int[] {1, 8, 16});
        assertFalse(new FuseChannelShuffle().run(flattened));
        assertEquals(3, flattened.nodes().size());
    }
}

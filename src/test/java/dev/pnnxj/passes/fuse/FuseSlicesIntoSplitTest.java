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

class FuseSlicesIntoSplitTest {
    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 6, 4));

    private Value slice(long start, long end, long axis, long... step) {
        List<Value> in = new java.util.ArrayList<>(List.of(x, longs(start), longs(end), longs(axis)));
        if (step.length > 0) {
            in.add(longs(step[0]));
        }
        Value y = g.addNode("Slice", "slice", in, List.of("y")).output(0);
        g.addOutput(y);
        return y;
    }

    private Value longs(long v) {
        return g.constant("c", Tensor.ofLongs(Shape.of(1), v));
    }

    @Test
    void slicesTilingAnAxisBecomeOneSplitInRangeOrder() {
        Value tail = slice(-2, Long.MAX_VALUE, 1);
        Value head = slice(0, 1, -2);
        Value middle = slice(1, 4, 1);
        assertTrue(new FuseSlicesIntoSplit().run(g));
        assertEquals(1, g.nodes().size());
        Node split = g.nodes().get(0);
        assertEquals("Split", split.op());
        assertEquals(1L, split.getInt("axis", -1));
        assertArrayEquals(new long[] {1, 3, 2}, split.input(1).constant().toLongs());
        assertEquals(List.of(head, middle, tail), split.outputs());
        assertSame(x, split.input(0));
    }

    @Test
    void gapsOverlapsStepsAndLoneSlicesStay() {
        slice(0, 2, 1);
        slice(3, 6, 1);
        slice(0, 4, 2, 2);
        slice(0, 2, 2, 2);
        assertFalse(new FuseSlicesIntoSplit().run(g));

        Graph overlap = new Graph();
        Value v = overlap.addInput("x", DType.FLOAT32, Shape.of(1, 6));
        for (long[] r : new long[][] {{0, 4}, {2, 6}}) {
            overlap.addOutput(overlap.addNode("Slice", "s", List.of(v, c(overlap, r[0]), c(overlap, r[1]), c(overlap, 1)),
                    List.of("y")).output(0));
        }
        assertFalse(new FuseSlicesIntoSplit().run(overlap));
    }

    private static Value c(Graph g, long v) {
        return g.constant("c", Tensor.ofLongs(Shape.of(1), v));
    }
}

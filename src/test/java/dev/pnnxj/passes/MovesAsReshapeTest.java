package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovesAsReshapeTest {
    private final Graph g = new Graph();

    private Node transpose(int[] inShape, long... perm) {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(inShape));
        Node t = g.addNode("Transpose", "t", List.of(x), List.of("y"));
        t.set("perm", perm);
        g.addOutput(t.output(0));
        new FoldConstants().run(g);
        return t;
    }

    @Test
    void transposeMovingOnlyUnitAxesIsAReshape() {
        transpose(new int[] {1, 5, 1, 3}, 1, 2, 0, 3);
        assertTrue(new MovesAsReshape().run(g));
        Node r = g.nodes().get(0);
        assertEquals("Reshape", r.op());
        assertArrayEquals(new long[] {5, 1, 1, 3}, r.input(1).constant().toLongs());
        assertEquals(Shape.of(5, 1, 1, 3), r.output(0).shape());
    }

    @Test
    void transposeReorderingTwoRealAxesStays() {
        transpose(new int[] {1, 5, 1, 3}, 0, 3, 2, 1);
        assertFalse(new MovesAsReshape().run(g));
        assertEquals("Transpose", g.nodes().get(0).op());
    }

    @Test
    void squeezeIsAReshape() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4, 1, 3));
        Node s = g.addNode("Squeeze", "s", List.of(x, g.constant("axes", Tensor.ofLongs(Shape.of(1), 1))),
                List.of("y"));
        g.addOutput(s.output(0));
        new FoldConstants().run(g);
        assertTrue(new MovesAsReshape().run(g));
        assertArrayEquals(new long[] {4, 3}, g.nodes().get(0).input(1).constant().toLongs());
    }
}

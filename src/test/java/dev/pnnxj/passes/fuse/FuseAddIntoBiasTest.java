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

class FuseAddIntoBiasTest {
    /** x [1,1,3,3] → Conv with two output channels, W [2,1,1,1] = [1,2], b = [1,-1], output y [1,2,3,3]. */
    private static Node conv(Graph g) {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 1, 3, 3));
        Node conv = g.addNode("Conv", "conv", List.of(x, g.constant("W", Tensor.ofFloats(Shape.of(2, 1, 1, 1), 1, 2)),
                g.constant("b", Tensor.ofFloats(Shape.of(2), 1, -1))), List.of("y"));
        conv.output(0).setShape(Shape.of(1, 2, 3, 3));
        conv.output(0).setDtype(DType.FLOAT32);
        return conv;
    }

    private static Node add(Graph g, Value a, Value b) {
        return binary(g, "Add", a, b);
    }

    private static Node binary(Graph g, String op, Value a, Value b) {
        Node add = g.addNode(op, op.toLowerCase(), List.of(a, b), List.of("z"));
        add.output(0).setShape(Shape.of(1, 2, 3, 3));
        g.addOutput(add.output(0));
        return add;
    }

    @Test
    void perChannelConstantOnEitherSideBecomesConvBias() {
        Graph g = new Graph();
        Node conv = conv(g);
        Value k = g.constant("k", Tensor.ofFloats(Shape.of(1, 2, 1, 1), 0.5f, 3));
        Value z = add(g, k, conv.output(0)).output(0);

        assertTrue(new FuseAddIntoBias().run(g));

        assertEquals(1, g.nodes().size());
        Node fused = g.nodes().get(0);
        assertEquals("Conv", fused.op());
        assertSame(z, fused.output(0));
        assertArrayEquals(new float[] {1, 2}, fused.input(1).constant().toFloats());
        assertArrayEquals(new float[] {1.5f, 2}, fused.input(2).constant().toFloats());
    }

    @Test
    void scalarIsAddedToEveryChannel() {
        Graph g = new Graph();
        Node conv = conv(g);
        add(g, conv.output(0), g.constant("k", Tensor.ofFloats(Shape.SCALAR, 2)));

        assertTrue(new FuseAddIntoBias().run(g));

        assertArrayEquals(new float[] {3, 1}, g.nodes().get(0).input(2).constant().toFloats());
    }

    @Test
    void subtractedConstantLowersTheBiasButAConstantMinusTheOutputStays() {
        Graph g = new Graph();
        Node conv = conv(g);
        binary(g, "Sub", conv.output(0), g.constant("k", Tensor.ofFloats(Shape.of(2, 1, 1), 0.5f, 3)));
        assertTrue(new FuseAddIntoBias().run(g));
        assertArrayEquals(new float[] {0.5f, -4}, g.nodes().get(0).input(2).constant().toFloats());

        Graph g2 = new Graph();
        Node conv2 = conv(g2);
        binary(g2, "Sub", g2.constant("k", Tensor.ofFloats(Shape.SCALAR, 2)), conv2.output(0));
        assertFalse(new FuseAddIntoBias().run(g2));
    }

    @Test
    void constantVaryingOverSpaceOrAConvOutputReadTwiceStays() {
        Graph g = new Graph();
        Node conv = conv(g);
        add(g, conv.output(0), g.constant("k", Tensor.ofFloats(Shape.of(1, 1, 1, 3), 1, 2, 3)));
        assertFalse(new FuseAddIntoBias().run(g));

        Graph g2 = new Graph();
        Node conv2 = conv(g2);
        add(g2, conv2.output(0), g2.constant("k", Tensor.ofFloats(Shape.of(2, 1, 1), 1, 2)));
        g2.addOutput(conv2.output(0));
        assertFalse(new FuseAddIntoBias().run(g2));
        assertEquals(2, g2.nodes().size());
    }

    @Test
    void gemmBiasTakesAConstantAlongTheLastAxis() {
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(1, 2));
        Node gemm = g.addNode("Gemm", "fc", List.of(a, g.constant("B", Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6)),
                g.constant("C", Tensor.ofFloats(Shape.of(3), 1, 1, 1))), List.of("y"));
        gemm.output(0).setShape(Shape.of(1, 3));
        Node add = g.addNode("Add", "add", List.of(gemm.output(0), g.constant("k", Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3))),
                List.of("z"));
        g.addOutput(add.output(0));

        assertTrue(new FuseAddIntoBias().run(g));

        assertEquals(1, g.nodes().size());
        assertArrayEquals(new float[] {2, 3, 4}, g.nodes().get(0).input(2).constant().toFloats());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, g.nodes().get(0).input(1).constant().toFloats());
    }
}

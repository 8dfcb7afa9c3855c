package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransposeChainsTest {
    private final Graph g = new Graph();

    private Value transpose(Value x, long... perm) {
        Node t = g.addNode("Transpose", "t" + g.nodes().size(), List.of(x), List.of("t" + g.nodes().size()));
        t.set("perm", perm);
        new FoldConstants().run(g);
        return t.output(0);
    }

    private List<String> ops() {
        new EliminateDeadNodes().run(g);
        return g.nodes().stream().map(Node::op).toList();
    }

    @Test
    void recurrentGlueAtBatchTwoIsOneReshape() {
        // the BatchFirstLSTM's Y [B,T,1,H] back to ONNX's [T,1,B,H], squeezed and made batch first again
        Value y = g.addInput("y", DType.FLOAT32, Shape.of(2, 7, 1, 16));
        Value seqFirst = transpose(y, 1, 2, 0, 3);
        Value squeezed = g.addReshape("squeeze", seqFirst, Shape.of(7, 2, 16));
        g.addOutput(transpose(squeezed, 1, 0, 2));
        assertTrue(new TransposeChains().run(g));
        assertEquals(List.of("Reshape", "Reshape"), ops());
        assertEquals(Shape.of(2, 7, 16), g.outputs().get(0).shape());
        new MergeConsecutive().run(g);
        assertEquals(List.of("Reshape"), ops());
        assertArrayEquals(new long[] {2, 7, 16}, g.nodes().get(0).input(1).constant().toLongs());
    }

    @Test
    void aChainThatReordersLongAxesKeepsOneTransposeOfThem() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3, 1, 5));
        Value a = transpose(x, 2, 0, 1, 3);
        Value b = g.addReshape("drop", a, Shape.of(2, 3, 5));
        g.addOutput(transpose(b, 2, 0, 1));
        assertTrue(new TransposeChains().run(g));
        assertEquals(List.of("Reshape", "Transpose", "Reshape"), ops());
        Node t = g.nodes().get(1);
        assertArrayEquals(new long[] {2, 0, 1}, t.getInts("perm"));
        assertEquals(Shape.of(5, 2, 3), t.output(0).shape());
    }

    @Test
    void aSingleTransposeIsLeftAlone() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3, 5));
        g.addOutput(transpose(x, 0, 2, 1));
        assertFalse(new TransposeChains().run(g));
    }

    @Test
    void aChainWhoseMiddleIsReadElsewhereIsLeftAlone() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3, 5));
        Value a = transpose(x, 1, 0, 2);
        g.addOutput(a);
        g.addOutput(transpose(a, 1, 0, 2));
        assertFalse(new TransposeChains().run(g));
    }
}

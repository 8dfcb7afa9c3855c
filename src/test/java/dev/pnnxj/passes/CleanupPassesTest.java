package dev.pnnxj.passes;

import static dev.pnnxj.passes.TestTensors.assertLongs;
import static dev.pnnxj.passes.TestTensors.i64;
import static dev.pnnxj.passes.TestTensors.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.fold.ConstantEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CleanupPassesTest {
    private static final DType F = DType.FLOAT32;

    private static Node node(Graph g, String op, Value... in) {
        return g.addNode(op, null, List.of(in), List.of(op.toLowerCase()));
    }

    private static Value op(Graph g, String op, Value... in) {
        return node(g, op, in).output(0);
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::op).toList();
    }

    /** x → Relu → [node under test] → Sigmoid → output; returns whether the node was removed. */
    private static boolean removedBetweenOps(String op, Consumer<Node> setup, Tensor... params) {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3));
        Value relu = op(g, "Relu", x);
        List<Value> in = new ArrayList<>(List.of(relu));
        for (Tensor t : params) {
            in.add(g.constant("p", t));
        }
        Node n = g.addNode(op, null, in, List.of("y"));
        setup.accept(n);
        Node sig = node(g, "Sigmoid", n.output(0));
        g.addOutput(sig.output(0));
        new FoldConstants().run(g);
        boolean changed = new RemoveIdentity().run(g);
        assertEquals(changed, !g.nodes().contains(n));
        if (changed) {
            assertSame(relu, sig.input(0));
        }
        return changed;
    }

    @Test
    void removesPassThroughNodes() {
        assertTrue(removedBetweenOps("Identity", n -> { }));
        assertTrue(removedBetweenOps("Dropout", n -> { }));
        assertTrue(removedBetweenOps("Cast", n -> n.set("to", 1)));
        assertFalse(removedBetweenOps("Cast", n -> n.set("to", 10)));
        assertTrue(removedBetweenOps("Transpose", n -> n.set("perm", new long[] {0, 1})));
        assertFalse(removedBetweenOps("Transpose", n -> n.set("perm", new long[] {1, 0})));
        assertFalse(removedBetweenOps("Transpose", n -> { }));
        assertTrue(removedBetweenOps("Reshape", n -> { }, i64(2, 3)));
        assertFalse(removedBetweenOps("Reshape", n -> { }, i64(3, 2)));
        assertTrue(removedBetweenOps("Expand", n -> { }, i64(1)));
        assertFalse(removedBetweenOps("Expand", n -> { }, i64(2, 2, 3)));
    }

    @Test
    void defaultTransposeOfA1dTensorIsANoOp() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(4));
        Node t = node(g, "Transpose", op(g, "Relu", x));
        g.addOutput(op(g, "Sigmoid", t.output(0)));
        new FoldConstants().run(g);
        assertTrue(new RemoveIdentity().run(g));
        assertEquals(List.of("Relu", "Sigmoid"), ops(g));
    }

    @Test
    void dropoutWhoseMaskIsReadStays() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2));
        Node d = g.addNode("Dropout", null, List.of(x), List.of("y", "mask"));
        g.addOutput(op(g, "Relu", d.output(0)));
        g.addOutput(d.output(1));
        assertFalse(new RemoveIdentity().run(g));
    }

    @Test
    void graphOutputsNeverBecomeAliasesOfInputsOrOtherOutputs() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2));
        g.addOutput(op(g, "Identity", x));
        Value r = op(g, "Relu", x);
        g.addOutput(r);
        g.addOutput(op(g, "Identity", r));
        assertFalse(new RemoveIdentity().run(g));
        assertEquals(List.of("Identity", "Relu", "Identity"), ops(g));
    }

    @Test
    void aRemovedNodesGraphOutputKeepsItsNameWhenItsInputHasNoOtherReader() {
        Graph g = new Graph();
        Value r = op(g, "Relu", g.addInput("x", F, shape(2)));
        Value y = op(g, "Identity", r);
        g.addOutput(y);
        assertTrue(new RemoveIdentity().run(g));
        assertEquals(List.of(y), g.outputs());
        assertEquals(List.of("Relu"), ops(g));
        assertSame(g.nodes().get(0), y.producer());
    }

    @Test
    void aRemovedNodesGraphOutputMovesToAnInputReadElsewhere() {
        Graph g = new Graph();
        Value r = op(g, "Relu", g.addInput("x", F, shape(2)));
        g.addOutput(op(g, "Identity", r));
        g.addOutput(op(g, "Sigmoid", r));
        assertTrue(new RemoveIdentity().run(g));
        assertSame(r, g.outputs().get(0));
    }

    @Test
    void eliminateDeadNodesDropsUnreachableBranches() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2));
        Value r = op(g, "Relu", x);
        op(g, "Sigmoid", op(g, "Tanh", r));
        g.addOutput(r);
        assertTrue(new EliminateDeadNodes().run(g));
        assertEquals(List.of("Relu"), ops(g));
        assertFalse(new EliminateDeadNodes().run(g));
    }

    @Test
    void reshapeChainsCollapse() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3, 4));
        Value a = op(g, "Reshape", x, g.constant("s1", i64(6, 4)));
        Node b = node(g, "Reshape", a, g.constant("s2", i64(4, -1)));
        g.addOutput(b.output(0));
        assertTrue(new MergeConsecutive().run(g));
        assertEquals(List.of("Reshape"), ops(g));
        assertSame(x, b.input(0));
        assertLongs(b.input(1).constant(), DType.INT64, shape(2), 4, -1);
    }

    @Test
    void aReshapeCopyingDimsGetsItsResolvedShapeWhenMerged() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3, 4));
        Value a = op(g, "Reshape", x, g.constant("s1", i64(6, 4)));
        Node b = node(g, "Reshape", a, g.constant("s2", i64(0, 2, -1)));
        g.addOutput(b.output(0));
        new FoldConstants().run(g);
        assertTrue(new MergeConsecutive().run(g));
        assertSame(x, b.input(0));
        assertLongs(b.input(1).constant(), DType.INT64, shape(3), 6, 2, 2);
    }

    @Test
    void aReshapeCopyingUnknownDimsIsNotMerged() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(-1, 3, 4));
        Value a = op(g, "Reshape", x, g.constant("s1", i64(0, 12)));
        g.addOutput(op(g, "Reshape", a, g.constant("s2", i64(0, 2, -1))));
        new FoldConstants().run(g);
        assertFalse(new MergeConsecutive().run(g));
        assertEquals(List.of("Reshape", "Reshape"), ops(g));
    }

    @Test
    void transposeChainsComposeTheirPermutations() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3, 4));
        Node first = node(g, "Transpose", x);
        first.set("perm", new long[] {1, 0, 2});
        Node second = node(g, "Transpose", first.output(0));
        second.set("perm", new long[] {2, 0, 1});
        g.addOutput(second.output(0));
        assertTrue(new MergeConsecutive().run(g));
        assertEquals(List.of("Transpose"), ops(g));
        assertArrayEquals(new long[] {2, 1, 0}, second.getInts("perm"));

        // the composed permutation moves elements exactly as the two did
        Tensor data = Tensor.ofLongs(shape(2, 3, 4), LongStream.range(0, 24).toArray());
        long[] twice = transpose(transpose(data, 1, 0, 2), 2, 0, 1).toLongs();
        assertArrayEquals(twice, transpose(data, 2, 1, 0).toLongs());
    }

    private static Tensor transpose(Tensor t, long... perm) {
        Graph g = new Graph();
        Node n = node(g, "Transpose", g.constant("t", t));
        n.set("perm", perm);
        return ConstantEvaluator.evaluate(n).get(0);
    }

    @Test
    void aMiddleNodeWithOtherReadersStays() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3));
        Value a = op(g, "Transpose", x);
        g.addOutput(op(g, "Transpose", a));
        g.addOutput(op(g, "Relu", a));
        assertTrue(new MergeConsecutive().run(g));
        assertEquals(List.of("Transpose", "Transpose", "Relu"), ops(g));
        assertSame(x, g.nodes().get(1).input(0));
        assertArrayEquals(new long[] {0, 1}, g.nodes().get(1).getInts("perm"));
    }
}

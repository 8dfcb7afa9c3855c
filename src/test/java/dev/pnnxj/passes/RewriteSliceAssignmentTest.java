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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RewriteSliceAssignmentTest {
    /**
     * A temporal shift on [1,T=4,C=2]: out = zeros; out[:, :-1, :1] = a; out[:, 1:, 1:2] = b, with a
     * and b constants so that the rewritten graph can be folded and its numbers checked.
     */
    private static Graph shift(float base, long[] secondIndices) {
        Graph g = new Graph();
        Value zeros = g.constant("zeros", Tensor.ofFloats(Shape.of(1, 4, 2), new float[] {base, 0, 0, 0, 0, 0, 0, 0}));
        Value a = g.constant("a", Tensor.ofFloats(Shape.of(1, 3, 1), 1, 2, 3));
        Value b = g.constant("b", Tensor.ofFloats(Shape.of(1, 3, 1), 4, 5, 6));
        Value i1 = g.constant("i1", Tensor.ofLongs(Shape.of(1, 3, 1, 3), 0, 0, 0, 0, 1, 0, 0, 2, 0));
        Value i2 = g.constant("i2", Tensor.ofLongs(Shape.of(1, 3, 1, 3), secondIndices));
        Node s1 = g.addNode("ScatterND", "s1", List.of(zeros, i1, a), List.of("o1"));
        s1.output(0).setShape(Shape.of(1, 4, 2));
        s1.output(0).setDtype(DType.FLOAT32);
        Node s2 = g.addNode("ScatterND", "s2", List.of(s1.output(0), i2, b), List.of("o2"));
        s2.output(0).setShape(Shape.of(1, 4, 2));
        s2.output(0).setDtype(DType.FLOAT32);
        Node neg = g.addNode("Abs", "abs", List.of(s2.output(0)), List.of("y"));
        g.addOutput(neg.output(0));
        return g;
    }

    private static final long[] SHIFTED_FORWARD = {0, 1, 1, 0, 2, 1, 0, 3, 1};

    @Test
    void zeroBaseWithBlocksBecomesConcatsThatComputeTheSameNumbers() {
        Graph g = shift(0, SHIFTED_FORWARD);
        assertTrue(new RewriteSliceAssignment().run(g));
        assertEquals("Abs,Concat,Concat,Concat", g.nodes().stream().map(Node::op).sorted()
                .collect(Collectors.joining(",")));
        Node outer = g.value("y").producer().input(0).producer();
        assertEquals(2, outer.getInt("axis", -1)); // channels first: it cuts neither block
        new FoldConstants().run(g);
        Value y = g.outputs().get(0);
        assertTrue(y.isConstant());
        // [t][c]: c0 = a shifted back (last frame 0), c1 = b shifted forward (first frame 0)
        assertArrayEquals(new float[] {1, 0, 2, 4, 3, 5, 0, 6}, y.constant().toFloats());
    }

    @Test
    void nonZeroBaseOrOverlappingBlocksAreLeftAlone() {
        assertFalse(new RewriteSliceAssignment().run(shift(1, SHIFTED_FORWARD)));
        Graph overlapping = shift(0, new long[] {0, 0, 0, 0, 1, 0, 0, 2, 0});
        assertFalse(new RewriteSliceAssignment().run(overlapping));
        assertEquals(3, overlapping.nodes().size());
    }

    @Test
    void indicesThatAreNotABlockAreLeftAlone() {
        assertFalse(new RewriteSliceAssignment().run(shift(0, new long[] {0, 1, 1, 0, 3, 1, 0, 2, 1})));
    }
}

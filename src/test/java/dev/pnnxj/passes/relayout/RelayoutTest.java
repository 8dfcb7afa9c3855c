package dev.pnnxj.passes.relayout;

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
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.passes.PassPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relayout group on small graphs: the graph it leaves, node by node, and what it leaves alone. */
class RelayoutTest {
    private final Graph g = new Graph();

    private Value reshape(String name, Value x, int... to) {
        return g.addReshape(name, x, Shape.of(to));
    }

    private Value transpose(String name, Value x, Shape out, long... perm) {
        Node t = g.addNode("Transpose", name, List.of(x), List.of(name));
        t.set("perm", perm);
        t.output(0).setShape(out);
        t.output(0).setDtype(DType.FLOAT32);
        return t.output(0);
    }

    private List<String> relayout() {
        return new PassPipeline().repeat(Relayout.ROUNDS, Relayout.passes()).run(g);
    }

    private List<String> ops() {
        List<String> ops = new ArrayList<>();
        for (Node n : g.nodes()) {
            ops.add(n.op());
        }
        return ops;
    }

    private List<String> sortedOps() {
        List<String> ops = ops();
        ops.sort(null);
        return ops;
    }

    private Node node(int i) {
        return g.nodes().get(i);
    }

    private static long[] longs(int... v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private void assertAllWithinFourDims() {
        for (Node n : g.nodes()) {
            for (Value v : n.outputs()) {
                assertTrue(AxisRuns.ncnnRank(v.shape()) <= AxisRuns.MAX_DIMS, v + " of " + n);
            }
        }
    }

    @Test
    void windowPartitionMergesIntoOnePermuteOfFourDims() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 56, 56, 96));
        Value v = reshape("view", x, 1, 8, 7, 8, 7, 96);
        Value t = transpose("t", v, Shape.of(1, 8, 8, 7, 7, 96), 0, 1, 3, 2, 4, 5);
        g.addOutput(reshape("windows", t, 64, 49, 96));

        assertEquals(List.of("MergeTransposeAxes", "MergeConsecutive"), relayout());
        assertEquals(List.of("Reshape", "Transpose", "Reshape"), ops());
        assertArrayEquals(longs(1, 8, 7, 8, 672), node(0).input(1).constant().toLongs());
        assertArrayEquals(longs(0, 1, 3, 2, 4), node(1).getInts("perm"));
        assertEquals(Shape.of(1, 8, 8, 7, 672), node(1).output(0).shape());
        assertArrayEquals(longs(64, 49, 96), node(2).input(1).constant().toLongs());
        assertEquals(g.outputs().get(0), node(2).output(0));
    }

    @Test
    void windowReverseMergesTheTrailingWindowAndChannelAxes() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(64, 49, 96));
        Value v = reshape("view", x, 1, 8, 8, 7, 7, 96);
        Value t = transpose("t", v, Shape.of(1, 8, 7, 8, 7, 96), 0, 1, 3, 2, 4, 5);
        g.addOutput(reshape("image", t, 1, 56, 56, 96));

        relayout();
        assertEquals(List.of("Reshape", "Transpose", "Reshape"), ops());
        assertArrayEquals(longs(1, 8, 8, 7, 672), node(0).input(1).constant().toLongs());
        assertArrayEquals(longs(0, 1, 3, 2, 4), node(1).getInts("perm"));
        assertArrayEquals(longs(1, 56, 56, 96), node(2).input(1).constant().toLongs());
    }

    @Test
    void sizeOneAxesAreDroppedFromTheRuns() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 6, 48));
        Value v = reshape("view", x, 1, 6, 3, 1, 2, 8);
        // the 3 and the 2 stay together, the 1 between them holds no order
        Value t = transpose("t", v, Shape.of(3, 1, 2, 1, 8, 6), 2, 0, 4, 3, 5, 1);
        g.addOutput(reshape("out", t, 6, 8, 6));

        relayout();
        // x is already the merged view [1, 6, 3*1*2*8], so no Reshape is left before the Transpose
        assertEquals(List.of("Transpose", "Reshape"), ops());
        assertEquals(x, node(0).input(0));
        assertArrayEquals(longs(0, 2, 1), node(0).getInts("perm"));
    }

    @Test
    void packedQkvIsCutAlongTheThreeIntoPermutedSlices() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(64, 49, 288));
        Value v = reshape("qkv", x, 64, 49, 3, 3, 32);
        Value t = transpose("t", v, Shape.of(3, 64, 3, 49, 32), 2, 0, 3, 1, 4);
        Node split = g.addNode("Split", "unbind", List.of(t, g.constant("ones", Tensor.ofLongs(Shape.of(3), 1, 1, 1))),
                List.of("q1", "k1", "v1"));
        split.set("axis", 0L);
        for (int i = 0; i < 3; i++) {
            split.output(i).setShape(Shape.of(1, 64, 3, 49, 32));
            split.output(i).setDtype(DType.FLOAT32);
            g.addOutput(reshape("qkv".charAt(i) + "", split.output(i), 64, 3, 49, 32));
        }

        relayout();
        assertEquals(List.of("Reshape", "Reshape", "Reshape", "Reshape", "Reshape", "Reshape", "Reshape", "Split",
                "Transpose", "Transpose", "Transpose"), sortedOps());
        Node cut = null;
        for (int i = 0; i < 3; i++) {
            // each of q, k, v: Reshape(Transpose(Reshape(one slice, [1,64,49,3,32]), (0,1,3,2,4)), [64,3,49,32])
            Node back = g.outputs().get(i).producer();
            assertArrayEquals(longs(64, 3, 49, 32), back.input(1).constant().toLongs());
            Node permute = back.input(0).producer();
            assertArrayEquals(longs(0, 1, 3, 2, 4), permute.getInts("perm"));
            Node merged = permute.input(0).producer();
            assertArrayEquals(longs(1, 64, 49, 3, 32), merged.input(1).constant().toLongs());
            cut = merged.input(0).producer();
            assertEquals(cut.output(i), merged.input(0));
        }
        // x seen as [1, 64*49, 3, 3*32], cut along the 3 of q, k, v
        assertEquals("Split", cut.op());
        assertEquals(2, cut.getInt("axis", 0));
        assertArrayEquals(longs(1, 3136, 3, 96), cut.input(0).producer().input(1).constant().toLongs());
        assertEquals(x, cut.input(0).producer().input(0));
        assertAllWithinFourDims();
    }

    @Test
    void patchUnfoldIsCutAlongAPatchAxisAndConcatenated() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 8, 8, 8));
        Value v = reshape("view", x, 1, 8, 4, 2, 4, 2);
        Value t = transpose("t", v, Shape.of(1, 2, 2, 4, 4, 8), 0, 3, 5, 2, 4, 1);
        g.addOutput(reshape("patches", t, 4, 16, 8));

        relayout();
        assertEquals(List.of("Concat", "Reshape", "Reshape", "Reshape", "Reshape", "Reshape", "Reshape", "Split",
                "Transpose", "Transpose"), sortedOps());
        // x seen as [1, 8*4, 2, 4*2] is cut along the first patch axis; each piece is [C, nh*nw, pw] permuted
        Node concat = g.outputs().get(0).producer().input(0).producer();
        assertEquals("Concat", concat.op());
        Node piece = concat.input(0).producer().input(0).producer();
        assertArrayEquals(longs(0, 3, 2, 1), piece.getInts("perm"));
        assertEquals(Shape.of(1, 8, 16, 2), piece.input(0).shape());
        Node cut = piece.input(0).producer().input(0).producer();
        assertEquals(2, cut.getInt("axis", 0));
        assertEquals(Shape.of(1, 32, 2, 8), cut.input(0).shape());
        assertAllWithinFourDims();
    }

    @Test
    void aTransposeThatNeedsFiveDimsStaysAndIsRefusedByName() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 30030));
        Value v = reshape("view", x, 1, 2, 3, 5, 7, 11, 13);
        // reversing six axes: cutting any one of them still leaves five runs
        Value t = transpose("reverse6", v, Shape.of(1, 13, 11, 7, 5, 3, 2), 0, 6, 5, 4, 3, 2, 1);
        g.addOutput(reshape("flat", t, 1, 30030));

        assertEquals(List.of(), relayout());
        assertEquals(List.of("Reshape", "Transpose", "Reshape"), ops());
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(g));
        assertTrue(e.problems().stream().anyMatch(p -> p.node().equals("reverse6")
                && p.kind() == UnsupportedNodesException.Kind.RANK_ABOVE_4), e.getMessage());
    }

    @Test
    void aLargeAxisIsNotCutIntoPieces() {
        int numel = 17 * 18 * 19 * 20 * 21;
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, numel));
        Value v = reshape("view", x, 1, 17, 18, 19, 20, 21);
        // any cut would fit, but every axis is longer than MAX_PIECES
        Value t = transpose("t", v, Shape.of(1, 21, 20, 19, 18, 17), 0, 5, 4, 3, 2, 1);
        g.addOutput(reshape("flat", t, 1, numel));

        assertEquals(List.of(), relayout());
    }

    @Test
    void aFourDimTransposeIsLeftAlone() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2, 3, 4, 5));
        g.addOutput(transpose("t", x, Shape.of(1, 5, 3, 4, 2), 0, 4, 2, 3, 1));

        assertEquals(List.of(), relayout());
        assertArrayEquals(longs(0, 4, 2, 3, 1), node(0).getInts("perm"));
    }

    @Test
    void softmaxAboveFourDimsRunsOnTheViewAroundItsAxis() {
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 3, 4, 5, 6));
        Node s = g.addNode("Softmax", "sm", List.of(x), List.of("y"));
        s.set("axis", 2L);
        s.output(0).setShape(Shape.of(2, 3, 4, 5, 6));
        s.output(0).setDtype(DType.FLOAT32);
        g.addOutput(s.output(0));

        relayout();
        assertEquals(List.of("Reshape", "Softmax", "Reshape"), ops());
        assertEquals(Shape.of(1, 6, 4, 30), node(0).output(0).shape());
        assertEquals(2, node(1).getInt("axis", 0));
    }

    private Value binary(String op, Value a, Value b, Shape out) {
        Node n = g.addNode(op, op.toLowerCase(), List.of(a, b), List.of(op.toLowerCase()));
        n.output(0).setShape(out);
        n.output(0).setDtype(DType.FLOAT32);
        return n.output(0);
    }

    @Test
    void elementwiseAboveFourDimsRunsOnTheFlatView() {
        Shape six = Shape.of(1, 2, 3, 4, 5, 6);
        Value x = g.addInput("x", DType.FLOAT32, six);
        Value y = g.addInput("y", DType.FLOAT32, six);
        Value sum = binary("Add", x, y, six);
        g.addOutput(binary("Mul", sum, g.constant("two", Tensor.ofFloats(Shape.of(1, 1, 1, 1, 1, 1), 2f)), six));

        relayout();
        assertEquals(List.of("Add", "Mul", "Reshape", "Reshape", "Reshape"), sortedOps());
        Node mul = g.outputs().get(0).producer().input(0).producer();
        assertEquals(Shape.of(1, 720), mul.output(0).shape());
        // the one-element constant is folded to [1], a scalar operand
        assertEquals(Shape.of(1), mul.input(1).shape());
        assertTrue(mul.input(1).isConstant());
        Node add = mul.input(0).producer();
        assertEquals(Shape.of(1, 720), add.input(0).shape());
        assertEquals(Shape.of(1, 720), add.input(1).shape());
    }

    @Test
    void anOperandBroadcastAlongSomeAxesRunsOnMergedAxesWithTheSamePattern() {
        // Swin's shifted-window mask added to the scores
        Shape scores = Shape.of(2, 4, 2, 16, 16);
        Value x = g.addInput("x", DType.FLOAT32, scores);
        Value mask = g.addInput("mask", DType.FLOAT32, Shape.of(1, 4, 1, 16, 16));
        g.addOutput(binary("Add", x, mask, scores));

        assertEquals(List.of("FlattenElementwise"), relayout());
        Node add = g.outputs().get(0).producer().input(0).producer();
        assertEquals(Shape.of(1, 2, 4, 2, 256), add.input(0).shape());
        assertEquals(Shape.of(1, 1, 4, 1, 256), add.input(1).shape());
    }

    @Test
    void anOperandBroadcastAlongAlternatingAxesStays() {
        Shape six = Shape.of(2, 3, 4, 5, 6, 7);
        Value x = g.addInput("x", DType.FLOAT32, six);
        Value every2nd = g.addInput("y", DType.FLOAT32, Shape.of(2, 1, 4, 1, 6, 1));
        g.addOutput(binary("Add", x, every2nd, six));

        assertEquals(List.of(), relayout());
    }
}

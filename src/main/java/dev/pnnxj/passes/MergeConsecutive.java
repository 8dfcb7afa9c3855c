package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.LayoutShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Collapses Reshape→Reshape into one Reshape and Transpose→Transpose into one Transpose with the
 * composed permutation. The first node goes when nothing else reads it.
 */
public final class MergeConsecutive implements Pass {

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        Set<Node> removed = new HashSet<>();
        for (Node n : new ArrayList<>(g.nodes())) {
            if (removed.contains(n) || n.input(0) == null) {
                continue;
            }
            Node first = n.input(0).producer();
            if (first == null || !first.op().equals(n.op())) {
                continue;
            }
            boolean merged = switch (n.op()) {
                case "Reshape" -> mergeReshape(g, first, n);
                case "Transpose" -> mergeTranspose(first, n);
                default -> false;
            };
            if (merged) {
                changed = true;
                Value middle = first.output(0);
                if (middle.users().isEmpty() && !g.isOutput(middle)) {
                    g.removeNode(first);
                    removed.add(first);
                }
            }
        }
        return changed;
    }

    /** A Reshape only needs its input's element count, unless its target copies dims with 0. */
    private static boolean mergeReshape(Graph g, Node first, Node second) {
        Value target = second.input(1);
        if (target == null || !target.isConstant()) {
            return false;
        }
        boolean copies = second.getInt("allowzero", 0) == 0
                && Arrays.stream(target.constant().toLongs()).anyMatch(d -> d == 0);
        if (copies) {
            Shape out = second.output(0).shape();
            if (out == null || !out.isKnown()) {
                return false;
            }
            long[] dims = Arrays.stream(out.dims()).asLongStream().toArray();
            second.setInput(1, g.constant(second.name() + "_shape", Tensor.ofLongs(Shape.of(dims.length), dims)));
        }
        second.setInput(0, first.input(0));
        return true;
    }

    /** Output axis i of the second reads axis p2[i] of the middle, which is axis p1[p2[i]] of x. */
    private static boolean mergeTranspose(Node first, Node second) {
        int rank = rankOf(first);
        if (rank < 0) {
            return false;
        }
        int[] p1 = LayoutShapes.perm(first.getInts("perm"), rank);
        int[] p2 = LayoutShapes.perm(second.getInts("perm"), rank);
        long[] composed = new long[rank];
        for (int i = 0; i < rank; i++) {
            composed[i] = p1[p2[i]];
        }
        second.set("perm", composed);
        second.setInput(0, first.input(0));
        return true;
    }

    private static int rankOf(Node transpose) {
        long[] perm = transpose.getInts("perm");
        Shape in = transpose.input(0).shape();
        return perm != null ? perm.length : in != null ? in.rank() : -1;
    }
}

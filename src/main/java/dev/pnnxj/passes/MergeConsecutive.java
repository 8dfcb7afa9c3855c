package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.LayoutShapes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Collapses Reshape→Reshape into one Reshape and Transpose→Transpose into one Transpose with the
 * composed permutation. The first node goes when nothing else reads it.
 */
public final class MergeConsecutive extends RewritePass<MergeConsecutive.Pair> {

    /** Two nodes of one op, the second reading the first's output. */
    record Pair(Node first, Node second) {
    }

    @Override
    public Optional<Pair> match(Graph g, Node n) {
        if (n.input(0) == null) {
            return Optional.empty();
        }
        Node first = n.input(0).producer();
        if (first == null || !first.op().equals(n.op())) {
            return Optional.empty();
        }
        boolean fits = switch (n.op()) {
            case "Reshape" -> reshapeMerges(n);
            case "Transpose" -> rankOf(first) >= 0;
            default -> false;
        };
        return fits ? Optional.of(new Pair(first, n)) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Pair p) {
        if (p.second().op().equals("Reshape")) {
            mergeReshape(g, p.first(), p.second());
        } else {
            mergeTranspose(p.first(), p.second());
        }
        Value middle = p.first().output(0);
        if (middle.users().isEmpty() && !g.isOutput(middle)) {
            g.removeNode(p.first());
        }
    }

    @Override
    public boolean keepsOrder() {
        return true;
    }

    /**
     * A Reshape only needs its input's element count, unless its target copies dims with 0: then
     * its output shape must be known, to be written out.
     */
    private static boolean reshapeMerges(Node second) {
        Value target = second.input(1);
        if (target == null || !target.isConstant()) {
            return false;
        }
        Shape out = second.output(0).shape();
        return !copies(second) || out != null && out.isKnown();
    }

    private static boolean copies(Node reshape) {
        return reshape.getInt("allowzero", 0) == 0
                && Arrays.stream(reshape.input(1).constant().toLongs()).anyMatch(d -> d == 0);
    }

    private static void mergeReshape(Graph g, Node first, Node second) {
        if (copies(second)) {
            long[] dims = Arrays.stream(second.output(0).shape().dims()).asLongStream().toArray();
            second.setInput(1, g.constant(second.name() + "_shape", Tensor.ofLongs(Shape.of(dims.length), dims)));
        }
        second.setInput(0, first.input(0));
    }

    /** Output axis i of the second reads axis p2[i] of the middle, which is axis p1[p2[i]] of x. */
    private static void mergeTranspose(Node first, Node second) {
        int rank = rankOf(first);
        int[] p1 = LayoutShapes.perm(first.getInts("perm"), rank);
        int[] p2 = LayoutShapes.perm(second.getInts("perm"), rank);
        long[] composed = new long[rank];
        for (int i = 0; i < rank; i++) {
            composed[i] = p1[p2[i]];
        }
        second.set("perm", composed);
        second.setInput(0, first.input(0));
    }

    private static int rankOf(Node transpose) {
        long[] perm = transpose.getInts("perm");
        Shape in = transpose.input(0).shape();
        return perm != null ? perm.length : in != null ? in.rank() : -1;
    }
}

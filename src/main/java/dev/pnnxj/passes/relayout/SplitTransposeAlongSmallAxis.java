package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A transpose above four ncnn dims whose axis runs do not fit in four ({@link MergeTransposeAxes}
 * cannot take it) is cut along one small input axis, so each piece has a size-1 axis fewer and
 * fits: the pieces are transposed alone and concatenated again.
 *
 * <pre>
 *   y = Transpose(x){perm}, more than 4 axis runs; a = the smallest input axis (at most
 *   MAX_PIECES long) without which the runs fit in 4, j its place in perm
 *     ⇒  y = Concat(Transpose(x_0){perm}, .., Transpose(x_k){perm}){axis=j},
 *        (x_0, .., x_k) = Split(x, [1, .., 1]){axis=a}
 *   and when y's only reader is Split(y, [1, .., 1]){axis=j} (attention's q, k, v = qkv[0], qkv[1],
 *   qkv[2] of [3,B,H,N,D]): that Split's outputs are the piece transposes, no Concat.
 * </pre>
 *
 * The 5-D Split and Concat left are re-viewed around their axis by {@link ViewAroundAxis}, the
 * piece transposes merged by {@link MergeTransposeAxes}.
 */
public final class SplitTransposeAlongSmallAxis extends RewritePass<SplitTransposeAlongSmallAxis.Match> {
    /** More pieces than this would be more layers than the model is worth; such a transpose is refused. */
    static final int MAX_PIECES = 16;

    /** The Transpose, its perm and the input axis to cut along. */
    record Match(Node transpose, int[] perm, int axis) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("Transpose") || !AxisRuns.shapesKnown(n) || n.input(0).isConstant()
                || !AxisRuns.aboveMax(n.input(0)) && !AxisRuns.aboveMax(n.output(0))) {
            return Optional.empty();
        }
        Shape in = n.input(0).shape();
        int[] perm = AxisRuns.perm(n, in.rank());
        if (AxisRuns.of(in, perm).count() <= AxisRuns.MAX_DIMS) {
            return Optional.empty();
        }
        int axis = cutAxis(in, perm, unitSplitAxis(n));
        return axis < 0 ? Optional.empty() : Optional.of(new Match(n, perm, axis));
    }

    @Override
    public void apply(Graph g, Match m) {
        cut(g, m.transpose(), m.perm(), m.axis());
    }

    /** The output axis along which y's only reader splits it into single slices, or -1. */
    private static int unitSplitAxis(Node n) {
        Value y = n.output(0);
        if (y.users().size() != 1 || n.graph().isOutput(y)) {
            return -1;
        }
        Node s = y.users().get(0);
        if (!s.op().equals("Split") || s.input(1) == null || !s.input(1).isConstant()) {
            return -1;
        }
        int axis = y.shape().axis(s.getInt("axis", 0));
        long[] sizes = s.input(1).constant().toLongs();
        return sizes.length == y.shape().dim(axis) && Arrays.stream(sizes).allMatch(d -> d == 1) ? axis : -1;
    }

    /**
     * The input axis to cut: the reader's split axis when cutting it fits, else the smallest that
     * fits; -1 when none does.
     */
    private static int cutAxis(Shape in, int[] perm, int splitOutAxis) {
        if (splitOutAxis >= 0 && fitsWithout(in, perm, perm[splitOutAxis])) {
            return perm[splitOutAxis];
        }
        int best = -1;
        for (int a = 0; a < in.rank(); a++) {
            if (in.dim(a) > 1 && in.dim(a) <= MAX_PIECES && fitsWithout(in, perm, a)
                    && (best < 0 || in.dim(a) < in.dim(best))) {
                best = a;
            }
        }
        return best;
    }

    private static boolean fitsWithout(Shape in, int[] perm, int axis) {
        int[] d = in.dims();
        d[axis] = 1;
        return AxisRuns.of(Shape.of(d), perm).count() <= AxisRuns.MAX_DIMS;
    }

    private static void cut(Graph g, Node n, int[] perm, int axis) {
        Value x = n.input(0);
        Value y = n.output(0);
        int pieces = x.shape().dim(axis);
        int outAxis = indexOf(perm, axis);
        long[] ones = new long[pieces];
        Arrays.fill(ones, 1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pieces; i++) {
            names.add(n.name() + "_piece" + i);
        }
        Node split = g.addNode("Split", n.name() + "_cut",
                List.of(x, g.constant(n.name() + "_cut_sizes", Tensor.ofLongs(Shape.of(pieces), ones))), names);
        split.set("axis", (long) axis);
        Shape pieceIn = withUnit(x.shape(), axis);
        Shape pieceOut = withUnit(y.shape(), outAxis);
        List<Value> transposed = new ArrayList<>();
        for (int i = 0; i < pieces; i++) {
            split.output(i).setShape(pieceIn);
            split.output(i).setDtype(x.dtype());
            Node t = g.addNode("Transpose", names.get(i) + "_t", List.of(split.output(i)),
                    List.of(names.get(i) + "_t"));
            t.set("perm", n.getInts("perm") != null ? n.getInts("perm") : Arrays.stream(perm).asLongStream().toArray());
            t.output(0).setShape(pieceOut);
            t.output(0).setDtype(x.dtype());
            transposed.add(t.output(0));
        }
        if (unitSplitAxis(n) == outAxis) {
            Node reader = y.users().get(0);
            g.removeNode(reader);
            for (int i = 0; i < pieces; i++) {
                g.replaceAllUses(reader.output(i), transposed.get(i));
            }
            g.removeNode(n);
        } else {
            g.removeNode(n);
            g.addNodeWithOutputs("Concat", n.name(), transposed, List.of(y)).set("axis", (long) outAxis);
        }
    }

    private static Shape withUnit(Shape s, int axis) {
        int[] d = s.dims();
        d[axis] = 1;
        return Shape.of(d);
    }

    private static int indexOf(int[] perm, int axis) {
        for (int j = 0; j < perm.length; j++) {
            if (perm[j] == axis) {
                return j;
            }
        }
        throw new IllegalArgumentException("axis " + axis + " not in perm " + Arrays.toString(perm));
    }
}

package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a transpose can be held in fewer dims: the runs of input axes it keeps together. Size-1
 * axes are dropped (they hold no order), and a maximal run of input axes that appear one after
 * another, in the same order, in the permutation moves as one axis. Also the shared shape helpers
 * of the relayout passes: the ncnn rank of a value before lowering and the one-axis view.
 */
public final class AxisRuns {
    /** ncnn holds at most this many dims (c,d,h,w). */
    public static final int MAX_DIMS = 4;

    /** Input dims merged into runs, runs in input order; perm over the runs. */
    private final int[] mergedIn;
    private final int[] perm;

    private AxisRuns(int[] mergedIn, int[] perm) {
        this.mergedIn = mergedIn;
        this.perm = perm;
    }

    /** The runs of {@code in} under {@code perm} (non-negative, of in's rank). */
    public static AxisRuns of(Shape in, int[] perm) {
        int[] index = new int[in.rank()];
        List<Integer> real = new ArrayList<>();
        for (int a = 0; a < in.rank(); a++) {
            index[a] = in.dim(a) == 1 ? -1 : real.size();
            if (in.dim(a) != 1) {
                real.add(a);
            }
        }
        // runs in output order, each the first and last index into `real`
        List<int[]> runs = new ArrayList<>();
        for (int a : perm) {
            int i = index[a];
            if (i < 0) {
                continue;
            }
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == i) {
                last[1] = i;
            } else {
                runs.add(new int[] {i, i});
            }
        }
        List<int[]> inOrder = new ArrayList<>(runs);
        inOrder.sort((x, y) -> Integer.compare(x[0], y[0]));
        int[] mergedIn = new int[runs.size()];
        for (int k = 0; k < mergedIn.length; k++) {
            int size = 1;
            for (int i = inOrder.get(k)[0]; i <= inOrder.get(k)[1]; i++) {
                size *= in.dim(real.get(i));
            }
            mergedIn[k] = size;
        }
        int[] p = new int[runs.size()];
        for (int j = 0; j < p.length; j++) {
            p[j] = inOrder.indexOf(runs.get(j));
        }
        return new AxisRuns(mergedIn, p);
    }

    /** Number of axes the transpose needs once merged. */
    public int count() {
        return mergedIn.length;
    }

    /** Whether the merged transpose moves nothing (only size-1 axes moved). */
    public boolean isIdentity() {
        for (int j = 0; j < perm.length; j++) {
            if (perm[j] != j) {
                return false;
            }
        }
        return true;
    }

    /** The merged input view, with a leading 1 that ncnn drops as the batch axis. */
    public Shape inputView() {
        int[] d = new int[mergedIn.length + 1];
        d[0] = 1;
        System.arraycopy(mergedIn, 0, d, 1, mergedIn.length);
        return Shape.of(d);
    }

    /** The merged transpose's perm over {@link #inputView()}: the leading 1 stays first. */
    public long[] viewPerm() {
        long[] p = new long[perm.length + 1];
        for (int j = 0; j < perm.length; j++) {
            p[j + 1] = perm[j] + 1;
        }
        return p;
    }

    /** The merged transpose's output shape over {@link #inputView()}. */
    public Shape outputView() {
        int[] d = new int[perm.length + 1];
        d[0] = 1;
        for (int j = 0; j < perm.length; j++) {
            d[j + 1] = mergedIn[perm[j]];
        }
        return Shape.of(d);
    }

    /**
     * The dims ncnn would hold for an activation of this shape: a leading 1 is the batch axis it
     * drops, a larger axis 0 is kept (docs/ncnn-axes.md).
     */
    public static int ncnnRank(Shape s) {
        return s.rank() > 0 && s.dim(0) == 1 ? s.rank() - 1 : s.rank();
    }

    /** Whether the value is an activation of known shape that ncnn cannot hold. */
    public static boolean aboveMax(Value v) {
        return v != null && !v.isConstant() && v.shape() != null && v.shape().isKnown()
                && ncnnRank(v.shape()) > MAX_DIMS;
    }

    /** Whether every input and output shape of the node is known. */
    public static boolean shapesKnown(Node n) {
        for (Value v : n.inputs()) {
            if (v != null && (v.shape() == null || !v.shape().isKnown())) {
                return false;
            }
        }
        for (Value v : n.outputs()) {
            if (v.shape() == null || !v.shape().isKnown()) {
                return false;
            }
        }
        return true;
    }

    /** The perm attribute as non-negative axes (reversed when absent, as ONNX defines). */
    public static int[] perm(Node transpose, int rank) {
        long[] p = transpose.getInts("perm");
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = p == null ? rank - 1 - i : (int) (p[i] < 0 ? p[i] + rank : p[i]);
        }
        return out;
    }

    /** {@code s} seen as [1, axes before a, dim a, axes after a]: only axis a keeps its meaning. */
    public static Shape aroundAxis(Shape s, int a) {
        int[] d = s.dims();
        int before = Arrays.stream(d, 0, a).reduce(1, (x, y) -> x * y);
        int after = Arrays.stream(d, a + 1, d.length).reduce(1, (x, y) -> x * y);
        return Shape.of(1, before, d[a], after);
    }

    /** Appends Reshape(x, to) named after the node, or returns x when it already has that shape. */
    static Value view(Graph g, String name, Value x, Shape to) {
        return x.shape().equals(to) ? x : g.addReshape(name, x, to);
    }

    /** Appends a Reshape from x to the existing, unproduced value {@code out}. */
    static void viewInto(Graph g, String name, Value x, Value out) {
        g.addNodeWithOutputs("Reshape", name, List.of(x, g.shapeConstant(name + "_shape", out.shape())),
                List.of(out));
    }
}

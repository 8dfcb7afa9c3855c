package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.Set;

/**
 * The one place that maps IR tensor axes onto ncnn's. An ncnn blob holds at most four dims
 * (c,d,h,w) and carries any batch as {@code Mat::n}, outside its dims: an activation's leading
 * batch axis is dropped, so IR axis k becomes ncnn axis k-1 counted from the outermost, unless
 * the lowering's {@link BatchLayouts} keep it (a tensor without a batch axis, or one whose axis
 * 0 the model mixes, as {@link BatchAxis} decides): then IR axis k is ncnn axis k. Constants have
 * no batch axis and keep all their dims. Emitters ask through their {@link Lowering}
 * ({@code ctx.dims(v)}), which passes its layouts. See docs/ncnn-axes.md.
 */
public final class NcnnAxes {
    public static final int MAX_DIMS = 4;

    /** Ops that only re-view row-major data, so their input and output may differ in keeping axis 0. */
    private static final Set<String> REVIEWS = Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity",
            "Dropout");

    private NcnnAxes() {
    }

    /** Whether the value carries a batch axis that ncnn drops. */
    public static boolean hasBatch(BatchLayouts layouts, Value v) {
        return !v.isConstant() && !layouts.keepsAxis0(v) && v.shape() != null && v.shape().rank() > 0;
    }

    /** ncnn dims of the value, outermost first: [w], [h,w], [c,h,w] or [c,d,h,w]. */
    public static int[] dims(BatchLayouts layouts, Value v) {
        Shape s = shape(v);
        int[] d = s.dims();
        if (!hasBatch(layouts, v)) {
            check(layouts, v, d);
            return d;
        }
        if (d[0] != 1 && d[0] != Shape.UNKNOWN) {
            // the converter lowers a batched graph at batch 1 (ncnn carries the batch as Mat::n), so
            // a batch here is a value whose axis 0 the analysis missed: name it rather than guess
            throw new Emitter.Unsupported("'" + v.name() + "' " + s + " has batch " + d[0]
                    + " in a graph lowered per sample; its layers must be written at batch 1");
        }
        int[] out = new int[d.length - 1];
        System.arraycopy(d, 1, out, 0, out.length);
        check(layouts, v, out);
        return out;
    }

    private static Shape shape(Value v) {
        if (v.shape() == null) {
            throw new Emitter.Unsupported("shape of '" + v.name() + "' is unknown; give inputshape=");
        }
        return v.shape();
    }

    private static void check(BatchLayouts layouts, Value v, int[] d) {
        for (int n : d) {
            if (n == 0) {
                throw new Emitter.Unsupported("'" + v.name() + "' " + v.shape()
                        + " is empty; an ncnn blob needs at least one element");
            }
        }
        if (d.length > MAX_DIMS) {
            throw new Emitter.Unsupported(UnsupportedNodesException.Kind.RANK_ABOVE_4,
                    "'" + v.name() + "' " + v.shape() + " has " + d.length
                    + (layouts.keepsAxis0(v) ? " dims with its batch axis kept" : " dims after dropping batch")
                    + "; ncnn holds at most " + MAX_DIMS);
        }
    }

    /** ncnn rank of the value (0 for a batch-only scalar-like tensor). */
    public static int rank(BatchLayouts layouts, Value v) {
        return dims(layouts, v).length;
    }

    /** Maps an IR axis (negative allowed) of the value to ncnn's positional axis. */
    public static int axis(BatchLayouts layouts, Value v, long irAxis) {
        int a = shape(v).axis(irAxis);
        if (!hasBatch(layouts, v)) {
            return a;
        }
        if (a == 0) {
            throw new Emitter.Unsupported("operates on the batch axis of '" + v.name() + "', which ncnn drops");
        }
        return a - 1;
    }

    /**
     * Whether the node only re-views row-major data (a reshape, or a transpose moving only size-1
     * axes), so its input and output may differ in keeping axis 0.
     */
    public static boolean reviews(Node n) {
        return REVIEWS.contains(n.op()) || n.op().equals("Transpose") && n.input(0).shape() != null
                && n.has("perm") && keepsDataOrder(n.input(0).shape(), n.getInts("perm"));
    }

    /** Whether a transpose keeps the axes longer than 1 in their order, so no element moves. */
    public static boolean keepsDataOrder(Shape shape, long[] perm) {
        long last = -1;
        for (long axis : perm) {
            if (shape.dim((int) axis) != 1) {
                if (axis < last) {
                    return false;
                }
                last = axis;
            }
        }
        return true;
    }

    /** ncnn's shape params order (w, h, d, c) for the given outermost-first dims, padded with -233. */
    public static int[] whdc(int[] dims) {
        int[] out = {-233, -233, -233, -233};
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[dims.length - 1 - i];
        }
        return out;
    }
}

package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;

import dev.pnnxj.ir.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Output shapes of the ONNX data-movement ops, from input shapes and parameters. Shared by the
 * shape rules and the constant kernels so both always agree.
 */
public final class LayoutShapes {
    private LayoutShapes() {
    }

    /** Reshape's target: 0 copies the input dim (unless {@code allowZero}), -1 is inferred. */
    public static Shape reshape(Shape in, long[] spec, boolean allowZero) {
        int[] out = new int[spec.length];
        int inferred = -1;
        long outKnown = 1;
        boolean[] copiedUnknown = new boolean[in.rank()];
        for (int i = 0; i < spec.length; i++) {
            long s = spec[i];
            if (s == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape " + Arrays.toString(spec) + " has two -1");
                }
                inferred = i;
            } else if (s == 0 && !allowZero) {
                if (i >= in.rank()) {
                    throw new IllegalArgumentException("reshape " + Arrays.toString(spec) + " copies dim " + i
                            + " of " + in);
                }
                out[i] = in.dim(i);
                if (out[i] == UNKNOWN) {
                    copiedUnknown[i] = true;
                } else {
                    outKnown *= out[i];
                }
            } else {
                out[i] = Dims.of(s);
                outKnown *= out[i];
            }
        }
        // an unknown dim copied through a 0 at the same position cancels on both sides
        long inKnown = 1;
        boolean inUnknown = false;
        for (int j = 0; j < in.rank(); j++) {
            if (!copiedUnknown[j]) {
                if (in.dim(j) == UNKNOWN) {
                    inUnknown = true;
                } else {
                    inKnown *= in.dim(j);
                }
            }
        }
        if (inferred >= 0) {
            if (inUnknown) {
                out[inferred] = UNKNOWN;
            } else if (outKnown == 0 || inKnown % outKnown != 0) {
                throw new IllegalArgumentException("cannot reshape " + in + " to " + Arrays.toString(spec));
            } else {
                out[inferred] = Dims.of(inKnown / outKnown);
            }
        } else if (!inUnknown && inKnown != outKnown) {
            throw new IllegalArgumentException("cannot reshape " + in + " to " + Arrays.toString(spec));
        }
        return Shape.of(out);
    }

    /** Flatten to 2-D around {@code axis} (which may equal the rank). */
    public static Shape flatten(Shape in, long axis) {
        int r = in.rank();
        long a = axis < 0 ? axis + r : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException("flatten axis " + axis + " out of range for rank " + r);
        }
        return Shape.of(Dims.product(in, 0, (int) a), Dims.product(in, (int) a, r));
    }

    /** Transpose's permutation: the attribute checked, or the reversed axes when absent. */
    public static int[] perm(long[] perm, int rank) {
        if (perm == null) {
            int[] p = new int[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
            return p;
        }
        if (perm.length != rank) {
            throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " for rank " + rank);
        }
        return Dims.axes(perm, rank);
    }

    public static Shape transpose(Shape in, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = in.dim(perm[i]);
        }
        return Shape.of(out);
    }

    /**
     * Squeeze of the given axes (an unknown dim there is taken to be 1), or of every size-1 axis
     * when {@code axes} is null; null when that depends on unknown dims.
     */
    public static Shape squeeze(Shape in, long[] axes) {
        boolean[] drop = new boolean[in.rank()];
        if (axes == null) {
            for (int i = 0; i < in.rank(); i++) {
                if (in.dim(i) == UNKNOWN) {
                    return null;
                }
                drop[i] = in.dim(i) == 1;
            }
        } else {
            for (int a : Dims.axes(axes, in.rank())) {
                if (in.dim(a) != 1 && in.dim(a) != UNKNOWN) {
                    throw new IllegalArgumentException("cannot squeeze axis " + a + " of " + in);
                }
                drop[a] = true;
            }
        }
        int[] out = new int[in.rank()];
        int n = 0;
        for (int i = 0; i < in.rank(); i++) {
            if (!drop[i]) {
                out[n++] = in.dim(i);
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    /** Unsqueeze: {@code axes} index the output. */
    public static Shape unsqueeze(Shape in, long[] axes) {
        int rank = in.rank() + axes.length;
        boolean[] added = new boolean[rank];
        for (int a : Dims.axes(axes, rank)) {
            added[a] = true;
        }
        int[] out = new int[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = added[i] ? 1 : in.dim(j++);
        }
        return Shape.of(out);
    }

    public static Shape concat(List<Shape> ins, long axis) {
        int rank = ins.get(0).rank();
        int a = Dims.axis(axis, rank);
        int[] out = new int[rank];
        Arrays.fill(out, UNKNOWN);
        out[a] = 0;
        for (Shape s : ins) {
            if (s.rank() != rank) {
                throw new IllegalArgumentException("concat of ranks " + ins);
            }
            for (int i = 0; i < rank; i++) {
                if (i == a) {
                    out[i] = Dims.add(out[i], s.dim(i));
                } else if (out[i] == UNKNOWN) {
                    out[i] = s.dim(i);
                }
            }
        }
        return Shape.of(out);
    }

    /** Gather: the indices' shape replaces the gathered axis. */
    public static Shape gather(Shape data, Shape indices, long axis) {
        int a = Dims.axis(axis, data.rank());
        int[] d = data.dims();
        int[] out = new int[d.length - 1 + indices.rank()];
        System.arraycopy(d, 0, out, 0, a);
        System.arraycopy(indices.dims(), 0, out, a, indices.rank());
        System.arraycopy(d, a + 1, out, a + indices.rank(), d.length - a - 1);
        return Shape.of(out);
    }

    public static Shape tile(Shape in, long[] repeats) {
        if (repeats.length != in.rank()) {
            throw new IllegalArgumentException("tile repeats " + Arrays.toString(repeats) + " for " + in);
        }
        int[] out = new int[in.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Dims.mul(in.dim(i), Dims.of(repeats[i]));
        }
        return Shape.of(out);
    }

    /**
     * Which axes a Reduce* op reduces: the given ones, or all when {@code axes} is empty or absent
     * unless {@code noopWithEmptyAxes} (then none).
     */
    public static boolean[] reducedAxes(int rank, long[] axes, boolean noopWithEmptyAxes) {
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            Arrays.fill(reduced, !noopWithEmptyAxes);
        } else {
            for (int a : Dims.axes(axes, rank)) {
                reduced[a] = true;
            }
        }
        return reduced;
    }

    public static Shape reduce(Shape in, boolean[] reduced, boolean keepDims) {
        int[] out = new int[in.rank()];
        int n = 0;
        for (int i = 0; i < in.rank(); i++) {
            if (!reduced[i]) {
                out[n++] = in.dim(i);
            } else if (keepDims) {
                out[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(out, n));
    }

    /**
     * Pad with ONNX's {@code pads} (all begins, then all ends) over {@code axes} (all when null);
     * negative pads crop.
     */
    public static Shape pad(Shape in, long[] pads, long[] axes) {
        int[] ax = axes == null ? identity(in.rank()) : Dims.axes(axes, in.rank());
        if (pads.length != 2 * ax.length) {
            throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " for " + ax.length + " axes");
        }
        int[] out = in.dims();
        for (int i = 0; i < ax.length; i++) {
            int d = out[ax[i]];
            out[ax[i]] = d == UNKNOWN ? UNKNOWN : Dims.of(d + pads[i] + pads[i + ax.length]);
        }
        return Shape.of(out);
    }

    /** DepthToSpace ({@code toSpace}) or SpaceToDepth of an NCHW shape. */
    public static Shape depthSpace(Shape in, long blockSize, boolean toSpace) {
        if (in.rank() != 4) {
            throw new IllegalArgumentException("depth/space rearrangement needs rank 4, got " + in);
        }
        int b = Dims.of(blockSize);
        int bb = b * b;
        int c = in.dim(1);
        int h = in.dim(2);
        int w = in.dim(3);
        return toSpace
                ? Shape.of(in.dim(0), c == UNKNOWN ? UNKNOWN : c / bb, Dims.mul(h, b), Dims.mul(w, b))
                : Shape.of(in.dim(0), Dims.mul(c, bb), h == UNKNOWN ? UNKNOWN : h / b, w == UNKNOWN ? UNKNOWN : w / b);
    }

    /** Shape's {@code [start, end)} over a rank, negatives counted from the end, clamped. */
    public static int[] shapeRange(int rank, long start, long end) {
        long s = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
        long e = Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
        return new int[] {(int) s, (int) Math.max(s, e)};
    }

    /** Range's element count, {@code max(ceil((limit - start) / delta), 0)}. */
    public static int rangeLength(double start, double limit, double delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("Range with delta 0");
        }
        return Dims.of((long) Math.max(Math.ceil((limit - start) / delta), 0));
    }

    static int[] identity(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }
}

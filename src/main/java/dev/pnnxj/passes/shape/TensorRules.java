package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;
import static dev.pnnxj.passes.shape.ShapeRule.set;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shape rules of the tensor-manipulation ops; those with parameter inputs need them constant. */
final class TensorRules {
    private TensorRules() {
    }

    private static Shape in(Node n, int i) {
        return n.input(i).shape();
    }

    private static DType type(Node n, int i) {
        return n.input(i).dtype();
    }

    /** Without a constant target only the rank is known. */
    static void reshape(Node n) {
        long[] spec = ConstInputs.longs(n, 1);
        Shape y;
        if (spec != null) {
            y = LayoutShapes.reshape(in(n, 0), spec, n.getInt("allowzero", 0) != 0);
        } else if (in(n, 1).rank() == 1 && in(n, 1).dim(0) != UNKNOWN) {
            int[] d = new int[in(n, 1).dim(0)];
            Arrays.fill(d, UNKNOWN);
            y = Shape.of(d);
        } else {
            return;
        }
        set(n, 0, type(n, 0), y);
    }

    static void flatten(Node n) {
        set(n, 0, type(n, 0), LayoutShapes.flatten(in(n, 0), n.getInt("axis", 1)));
    }

    /** Explicit-output equations only (the form RewriteEinsum lowers). */
    static void einsum(Node n) {
        EinsumEquation e = EinsumEquation.parse(n.getString("equation", null));
        if (e == null) {
            return;
        }
        List<Shape> shapes = new ArrayList<>();
        n.inputs().forEach(v -> shapes.add(v.shape()));
        set(n, 0, type(n, 0), e.outputShape(shapes));
    }

    static void transpose(Node n) {
        Shape x = in(n, 0);
        set(n, 0, type(n, 0), LayoutShapes.transpose(x, LayoutShapes.perm(n.getInts("perm"), x.rank())));
    }

    static void concat(Node n) {
        List<Shape> shapes = new ArrayList<>();
        for (Value v : n.inputs()) {
            shapes.add(v.shape());
        }
        set(n, 0, type(n, 0), LayoutShapes.concat(shapes, n.getInt("axis", 0)));
    }

    /** Every Reduce* op: axes input, keepdims, noop_with_empty_axes. */
    static void reduce(Node n) {
        if (!ConstInputs.known(n, 1)) {
            return;
        }
        Shape x = in(n, 0);
        boolean[] axes = LayoutShapes.reducedAxes(x.rank(), ConstInputs.longs(n, 1),
                n.getInt("noop_with_empty_axes", 0) != 0);
        set(n, 0, type(n, 0), LayoutShapes.reduce(x, axes, n.getInt("keepdims", 1) != 0));
    }

    static void argReduce(Node n) {
        Shape x = in(n, 0);
        boolean[] axes = LayoutShapes.reducedAxes(x.rank(), new long[] {n.getInt("axis", 0)}, false);
        set(n, 0, DType.INT64, LayoutShapes.reduce(x, axes, n.getInt("keepdims", 1) != 0));
    }

    static void pad(Node n) {
        if (!ConstInputs.known(n, 1) || !ConstInputs.known(n, 3)) {
            return;
        }
        set(n, 0, type(n, 0), LayoutShapes.pad(in(n, 0), ConstInputs.longs(n, 1), ConstInputs.longs(n, 3)));
    }

    /**
     * Resize by constant sizes, or by constant scales (floor(dim * scale)), over the axes attribute
     * or all axes; roi is ignored.
     */
    static void resize(Node n) {
        if (!ConstInputs.known(n, 2) || !ConstInputs.known(n, 3)) {
            return;
        }
        Shape x = in(n, 0);
        long[] axesAttr = n.getInts("axes");
        int[] axes = axesAttr == null ? LayoutShapes.identity(x.rank()) : Dims.axes(axesAttr, x.rank());
        long[] sizes = ConstInputs.longs(n, 3);
        double[] scales = ConstInputs.doubles(n, 2);
        int[] out = x.dims();
        if (sizes != null && sizes.length > 0) {
            if (!n.getString("keep_aspect_ratio_policy", "stretch").equals("stretch")) {
                // the sizes are only bounds then; left unknown rather than guessing the rounding
                return;
            }
            checkCount("sizes", sizes.length, axes.length);
            for (int i = 0; i < axes.length; i++) {
                out[axes[i]] = Dims.of(sizes[i]);
            }
        } else if (scales != null && scales.length > 0) {
            checkCount("scales", scales.length, axes.length);
            for (int i = 0; i < axes.length; i++) {
                int d = out[axes[i]];
                out[axes[i]] = d == UNKNOWN ? UNKNOWN : Dims.of((long) Math.floor(d * scales[i]));
            }
        } else {
            throw new IllegalArgumentException("Resize has neither scales nor sizes");
        }
        set(n, 0, type(n, 0), Shape.of(out));
    }

    private static void checkCount(String what, int got, int axes) {
        if (got != axes) {
            throw new IllegalArgumentException("Resize " + what + " has " + got + " values for " + axes + " axes");
        }
    }

    /** Split by the split input, else into num_outputs chunks (last one smaller), else evenly. */
    static void split(Node n) {
        if (!ConstInputs.known(n, 1)) {
            return;
        }
        Shape x = in(n, 0);
        int axis = Dims.axis(n.getInt("axis", 0), x.rank());
        int d = x.dim(axis);
        int parts = n.outputs().size();
        long[] split = ConstInputs.longs(n, 1);
        int[] sizes = new int[parts];
        if (split != null) {
            if (split.length != parts) {
                throw new IllegalArgumentException("split " + Arrays.toString(split) + " for " + parts + " outputs");
            }
            for (int i = 0; i < parts; i++) {
                sizes[i] = Dims.of(split[i]);
            }
        } else if (d == UNKNOWN) {
            Arrays.fill(sizes, UNKNOWN);
        } else {
            boolean chunked = n.has("num_outputs");
            int chunk = chunked ? (d + parts - 1) / parts : d / parts;
            if (!chunked && d % parts != 0) {
                throw new IllegalArgumentException("cannot split " + d + " evenly into " + parts);
            }
            Arrays.fill(sizes, chunk);
            sizes[parts - 1] = d - chunk * (parts - 1);
        }
        for (int i = 0; i < parts; i++) {
            int[] out = x.dims();
            out[axis] = sizes[i];
            set(n, i, type(n, 0), Shape.of(out));
        }
    }

    static void slice(Node n) {
        for (int i = 1; i <= 4; i++) {
            if (!ConstInputs.known(n, i)) {
                return;
            }
        }
        Slicing s = Slicing.of(in(n, 0), ConstInputs.longs(n, 1), ConstInputs.longs(n, 2), ConstInputs.longs(n, 3),
                ConstInputs.longs(n, 4));
        set(n, 0, type(n, 0), s.shape());
    }

    static void squeeze(Node n) {
        if (!ConstInputs.known(n, 1)) {
            return;
        }
        Shape y = LayoutShapes.squeeze(in(n, 0), ConstInputs.longs(n, 1));
        if (y != null) {
            set(n, 0, type(n, 0), y);
        }
    }

    static void unsqueeze(Node n) {
        long[] axes = ConstInputs.longs(n, 1);
        if (axes != null) {
            set(n, 0, type(n, 0), LayoutShapes.unsqueeze(in(n, 0), axes));
        }
    }

    static void expand(Node n) {
        long[] shape = ConstInputs.longs(n, 1);
        if (shape != null) {
            set(n, 0, type(n, 0), Broadcast.shape(in(n, 0), Dims.shape(shape)));
        }
    }

    static void tile(Node n) {
        long[] repeats = ConstInputs.longs(n, 1);
        if (repeats != null) {
            set(n, 0, type(n, 0), LayoutShapes.tile(in(n, 0), repeats));
        }
    }

    static void gather(Node n) {
        set(n, 0, type(n, 0), LayoutShapes.gather(in(n, 0), in(n, 1), n.getInt("axis", 0)));
    }

    static void gatherElements(Node n) {
        set(n, 0, type(n, 0), in(n, 1));
    }

    /** The value attribute's type (float32 by default); without a constant shape only the rank. */
    static void constantOfShape(Node n) {
        Tensor value = n.getTensor("value");
        DType t = value == null ? DType.FLOAT32 : value.dtype();
        long[] shape = ConstInputs.longs(n, 0);
        if (shape != null) {
            set(n, 0, t, Dims.shape(shape));
        } else if (in(n, 0).rank() == 1 && in(n, 0).dim(0) != UNKNOWN) {
            int[] d = new int[in(n, 0).dim(0)];
            Arrays.fill(d, UNKNOWN);
            set(n, 0, t, Shape.of(d));
        }
    }

    static void range(Node n) {
        double[] start = ConstInputs.doubles(n, 0);
        double[] limit = ConstInputs.doubles(n, 1);
        double[] delta = ConstInputs.doubles(n, 2);
        int len = start == null || limit == null || delta == null ? UNKNOWN
                : LayoutShapes.rangeLength(start[0], limit[0], delta[0]);
        set(n, 0, type(n, 0), Shape.of(len));
    }

    static void shape(Node n) {
        int rank = in(n, 0).rank();
        int[] range = LayoutShapes.shapeRange(rank, n.getInt("start", 0), n.getInt("end", rank));
        set(n, 0, DType.INT64, Shape.of(range[1] - range[0]));
    }

    static void size(Node n) {
        set(n, 0, DType.INT64, Shape.SCALAR);
    }

    static void nonZero(Node n) {
        set(n, 0, DType.INT64, Shape.of(in(n, 0).rank(), UNKNOWN));
    }

    static void depthToSpace(Node n) {
        set(n, 0, type(n, 0), LayoutShapes.depthSpace(in(n, 0), n.getInt("blocksize", 0), true));
    }

    static void spaceToDepth(Node n) {
        set(n, 0, type(n, 0), LayoutShapes.depthSpace(in(n, 0), n.getInt("blocksize", 0), false));
    }

    /** Values and int64 indices, the axis cut to K. */
    static void topK(Node n) {
        long[] k = ConstInputs.longs(n, 1);
        if (k == null) {
            return;
        }
        Shape x = in(n, 0);
        int[] out = x.dims();
        out[Dims.axis(n.getInt("axis", -1), x.rank())] = Dims.of(k[0]);
        set(n, 0, type(n, 0), Shape.of(out));
        set(n, 1, DType.INT64, Shape.of(out));
    }
}

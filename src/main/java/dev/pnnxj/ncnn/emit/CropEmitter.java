package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Crop;
import dev.pnnxj.ncnn.layer.Flip;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ONNX Slice → ncnn Crop in its numpy form (9=starts 10=ends 11=axes). Bounds on axes of known
 * size are resolved and clamped as ONNX does; on axes of unknown size they are passed on in
 * ncnn's terms (negative counts from the end, -233 is "to the end"). Axes left whole are dropped;
 * a slice of the batch axis must keep it whole. Axes with a positive step above 1 are sliced
 * afterwards, one by one, by {@link StridedCrop}. A negative step (torch.flip, x[::-1]) takes the
 * same elements in ascending order and reverses them with ncnn's Flip.
 */
public final class CropEmitter implements Emitter {
    /** ncnn's "to the end" marker for an end bound. */
    private static final int TO_END = -233;

    @Override
    public Set<String> layerTypes() {
        return Set.of(Crop.TYPE, Flip.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        ctx.dims(in); // refuses unknown shapes and ranks ncnn cannot hold
        Shape shape = in.shape();
        long[] starts = ctx.requireConstant(node, 1, "starts").toLongs();
        long[] ends = ctx.requireConstant(node, 2, "ends").toLongs();
        long[] axes = node.input(3) == null ? null : ctx.requireConstant(node, 3, "axes").toLongs();
        long[] steps = node.input(4) == null ? null : ctx.requireConstant(node, 4, "steps").toLongs();
        if (starts.length != ends.length || axes != null && axes.length != starts.length) {
            throw new Unsupported("starts, ends and axes differ in length");
        }
        List<int[]> crops = new ArrayList<>();
        List<int[]> strided = new ArrayList<>();
        List<Integer> flipped = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            long step = steps == null ? 1 : steps[i];
            int axis = shape.axis(axes == null ? i : axes[i]);
            if (step < 0) {
                if (shape.dim(axis) == 1) {
                    continue; // one element reversed is itself (a flip of the batch axis of 1)
                }
                int[] ascending = reversedBounds(ctx, in, axis, starts[i], ends[i], step);
                flipped.add(ascending[0]);
                if (ascending[2] > 1) {
                    strided.add(ascending);
                } else if (ascending[3] != shape.dim(axis)) {
                    crops.add(new int[] {ascending[0], ascending[1], ascending[1] + ascending[3]});
                }
                continue;
            }
            if (step != 1) {
                strided.add(stridedBounds(ctx, in, axis, starts[i], ends[i], step));
                continue;
            }
            int[] bounds = bounds(starts[i], ends[i], shape.dim(axis));
            if (bounds == null) {
                continue;
            }
            crops.add(new int[] {ctx.axis(in, axis), bounds[0], bounds[1]});
        }
        if (!flipped.isEmpty()) {
            String blob = crops.isEmpty() && strided.isEmpty() ? ctx.blob(in) : emitStrided(node, ctx, crops, strided);
            NcnnLayer flip = ctx.add(Flip.TYPE, node);
            flip.params.put(Flip.AXES, flipped.stream().mapToInt(Integer::intValue).sorted().toArray());
            flip.bottoms.add(blob);
            flip.tops.add(ctx.blob(node.output(0)));
            return;
        }
        if (crops.isEmpty() && strided.isEmpty()) {
            ctx.alias(node.output(0), in);
            return;
        }
        if (!strided.isEmpty()) {
            ctx.bind(node.output(0), emitStrided(node, ctx, crops, strided));
            return;
        }
        int[] ncnnStarts = new int[crops.size()];
        int[] ncnnEnds = new int[crops.size()];
        int[] ncnnAxes = new int[crops.size()];
        for (int i = 0; i < crops.size(); i++) {
            ncnnAxes[i] = crops.get(i)[0];
            ncnnStarts[i] = crops.get(i)[1];
            ncnnEnds[i] = crops.get(i)[2];
        }
        ctx.unary(Crop.TYPE, node).params.put(Crop.STARTS, ncnnStarts).put(Crop.ENDS, ncnnEnds).put(Crop.AXES, ncnnAxes);
    }

    /** {ncnn axis, start, step, count} of a stepped slice on an axis of known size. */
    private static int[] stridedBounds(Lowering ctx, Value in, int axis, long start, long end, long step) {
        int size = in.shape().dim(axis);
        if (step < 1) {
            throw new Unsupported("step " + step + "; ncnn has no zero-step crop");
        }
        if (size == Shape.UNKNOWN) {
            throw new Unsupported("step " + step + " slice of an axis of unknown size; give inputshape=");
        }
        int ncnnAxis = ctx.axis(in, axis);
        long s = clamp(start < 0 ? start + size : start, size);
        long e = clamp(end < 0 ? end + size : end, size);
        if (e <= s) {
            throw new Unsupported("slice [" + start + ":" + end + ":" + step + "] of an axis of size " + size + " is empty");
        }
        return new int[] {ncnnAxis, (int) s, (int) step, (int) ((e - s + step - 1) / step)};
    }

    /**
     * A slice with a negative step as the ascending one taking the same elements, {ncnn axis,
     * lowest index, -step, count}; ONNX clamps a negative-step start to [0, size-1] and its end to
     * [-1, size-1].
     */
    private static int[] reversedBounds(Lowering ctx, Value in, int axis, long start, long end, long step) {
        int size = in.shape().dim(axis);
        if (size == Shape.UNKNOWN) {
            throw new Unsupported("step " + step + " slice of an axis of unknown size; give inputshape=");
        }
        long s = Math.max(0, Math.min(size - 1, start < 0 ? start + size : start));
        long e = Math.max(-1, Math.min(size - 1, end < 0 ? end + size : end));
        if (s <= e) {
            throw new Unsupported("slice [" + start + ":" + end + ":" + step + "] of an axis of size " + size + " is empty");
        }
        long count = (s - e - step - 1) / -step;
        return new int[] {ctx.axis(in, axis), (int) (s + (count - 1) * step), (int) -step, (int) count};
    }

    /** Step-1 crops as one Crop layer, then each stepped axis in turn; returns the result's blob. */
    private static String emitStrided(Node node, Lowering ctx, List<int[]> crops, List<int[]> strided) {
        Value in = node.input(0);
        int[] dims = ctx.dims(in);
        if (!Reshapes.isKnown(dims)) {
            throw new Unsupported("stepped slice of " + in.shape() + ", whose size is not fully known; give inputshape=");
        }
        String blob = ctx.blob(in);
        if (!crops.isEmpty()) {
            NcnnLayer l = ctx.add(Crop.TYPE, node);
            l.params.put(Crop.STARTS, column(crops, 1)).put(Crop.ENDS, column(crops, 2)).put(Crop.AXES, column(crops, 0));
            l.bottoms.add(blob);
            for (int[] c : crops) {
                dims[c[0]] = c[2] - c[1];
            }
            blob = ctx.newBlob(dims);
            l.tops.add(blob);
        }
        for (int[] s : strided) {
            blob = StridedCrop.emit(ctx, node, blob, dims, s[0], s[1], s[2], s[3]);
            dims[s[0]] = s[3];
        }
        return blob;
    }

    private static int[] column(List<int[]> rows, int k) {
        return rows.stream().mapToInt(r -> r[k]).toArray();
    }

    /** ncnn {start, end} for one axis, or null when the axis is kept whole. */
    private static int[] bounds(long start, long end, int size) {
        if (size == Shape.UNKNOWN) {
            // ncnn resolves negative bounds against the runtime size itself
            if (end == 0 || end < Integer.MIN_VALUE || start >= Integer.MAX_VALUE) {
                throw new Unsupported("slice [" + start + ":" + end + "] is empty");
            }
            int ncnnStart = start < Integer.MIN_VALUE ? 0 : (int) start;
            int ncnnEnd = end >= Integer.MAX_VALUE ? TO_END : (int) end;
            return ncnnStart == 0 && ncnnEnd == TO_END ? null : new int[] {ncnnStart, ncnnEnd};
        }
        long s = clamp(start < 0 ? start + size : start, size);
        long e = clamp(end < 0 ? end + size : end, size);
        if (e <= s) {
            throw new Unsupported("slice [" + start + ":" + end + "] of an axis of size " + size + " is empty");
        }
        return s == 0 && e == size ? null : new int[] {(int) s, (int) e};
    }

    private static long clamp(long v, int size) {
        return Math.max(0, Math.min(v, size));
    }
}

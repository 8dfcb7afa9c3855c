package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Slice with step 1 → ncnn Crop in its numpy form (9=starts 10=ends 11=axes). Bounds on
 * axes of known size are resolved and clamped as ONNX does; on axes of unknown size they are
 * passed on in ncnn's terms (negative counts from the end, -233 is "to the end"). Axes left
 * whole are dropped; a slice of the batch axis must keep it whole.
 */
public final class CropEmitter implements Emitter {
    /** ncnn's "to the end" marker for an end bound. */
    private static final int TO_END = -233;

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        NcnnAxes.dims(in); // refuses unknown shapes and ranks ncnn cannot hold
        Shape shape = in.shape();
        long[] starts = ctx.requireConstant(node, 1, "starts").toLongs();
        long[] ends = ctx.requireConstant(node, 2, "ends").toLongs();
        long[] axes = node.input(3) == null ? null : ctx.requireConstant(node, 3, "axes").toLongs();
        long[] steps = node.input(4) == null ? null : ctx.requireConstant(node, 4, "steps").toLongs();
        if (starts.length != ends.length || axes != null && axes.length != starts.length) {
            throw new Unsupported("starts, ends and axes differ in length");
        }
        List<int[]> crops = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            if (steps != null && steps[i] != 1) {
                throw new Unsupported("step " + steps[i] + "; ncnn Crop only takes step 1");
            }
            int axis = shape.axis(axes == null ? i : axes[i]);
            int[] bounds = bounds(starts[i], ends[i], shape.dim(axis));
            if (bounds == null) {
                continue;
            }
            crops.add(new int[] {NcnnAxes.axis(in, axis), bounds[0], bounds[1]});
        }
        if (crops.isEmpty()) {
            ctx.alias(node.output(0), in);
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
        ctx.unary("Crop", node).params.put(9, ncnnStarts).put(10, ncnnEnds).put(11, ncnnAxes);
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

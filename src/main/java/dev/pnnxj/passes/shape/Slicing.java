package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;

import dev.pnnxj.ir.Shape;
import java.util.Arrays;

/**
 * ONNX Slice resolved against an input shape: per input axis, the first index, the step and the
 * element count, with starts/ends wrapped and clamped the way ONNX specifies.
 */
public final class Slicing {
    private final int[] start;
    private final int[] step;
    private final int[] count;

    private Slicing(int[] start, int[] step, int[] count) {
        this.start = start;
        this.step = step;
        this.count = count;
    }

    /** {@code axes} and {@code steps} may be null (all axes in order; steps of 1). */
    public static Slicing of(Shape in, long[] starts, long[] ends, long[] axes, long[] steps) {
        int rank = in.rank();
        int[] ax = axes == null ? LayoutShapes.identity(starts.length) : Dims.axes(axes, rank);
        if (ends.length != starts.length || ax.length != starts.length
                || (steps != null && steps.length != starts.length) || ax.length > rank) {
            throw new IllegalArgumentException("slice starts " + Arrays.toString(starts) + " ends "
                    + Arrays.toString(ends) + " axes " + Arrays.toString(axes) + " steps " + Arrays.toString(steps)
                    + " do not match " + in);
        }
        int[] start = new int[rank];
        int[] step = new int[rank];
        int[] count = in.dims();
        Arrays.fill(step, 1);
        for (int i = 0; i < ax.length; i++) {
            int a = ax[i];
            long t = steps == null ? 1 : steps[i];
            if (t == 0) {
                throw new IllegalArgumentException("slice step 0");
            }
            step[a] = Math.toIntExact(t);
            long d = in.dim(a);
            if (d == UNKNOWN) {
                count[a] = UNKNOWN;
                continue;
            }
            long s = starts[i] < 0 ? starts[i] + d : starts[i];
            long e = ends[i] < 0 ? ends[i] + d : ends[i];
            long n;
            if (t > 0) {
                s = clamp(s, 0, d);
                e = clamp(e, 0, d);
                n = e > s ? (e - s + t - 1) / t : 0;
            } else {
                s = clamp(s, 0, d - 1);
                e = clamp(e, -1, d - 1);
                n = s > e ? (s - e - t - 1) / -t : 0;
            }
            start[a] = (int) s;
            count[a] = (int) n;
        }
        return new Slicing(start, step, count);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public Shape shape() {
        return Shape.of(count);
    }

    /** First input index taken along {@code axis}. */
    public int start(int axis) {
        return start[axis];
    }

    public int step(int axis) {
        return step[axis];
    }
}

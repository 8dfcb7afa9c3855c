package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What in-place ops do to the tensors read after them. IR values never change, so a tensor that
 * an in-place op mutates gets a newer value, and every later read of the old one reads the newest
 * ({@link #current}). Traced code writes {@code out[:, 1:, :k] = x} as {@code copy_} into a chain
 * of slices of {@code out}: the slices ({@code slice} with step 1 and {@code select} at indices
 * known while converting) are remembered as regions of their root tensor, and a write into one
 * becomes {@code ScatterND(root, block indices, result)}, the form ONNX exports and the passes
 * lower. A slice read after its root was written is taken again from the root's newest value.
 */
final class InPlaceWrites {
    /**
     * A view of {@code root}: the block [lo, hi) of each root axis, the root axes a select dropped,
     * and the root value it was taken from. Null bounds mark a slice whose region is not tracked
     * (a step, or bounds known only at run time), which cannot be written through.
     */
    private record View(Value root, int[] lo, int[] hi, boolean[] dropped, Value seen) {
    }

    private final IrBuilder ir;
    private final Map<Value, Value> newer = new IdentityHashMap<>();
    private final Map<Value, View> views = new IdentityHashMap<>();

    InPlaceWrites(IrBuilder ir) {
        this.ir = ir;
    }

    /** The newest value of the tensor {@code v} holds, after the in-place writes so far. */
    Value current(Value v) {
        while (true) {
            Value next = newer.get(v);
            if (next != null) {
                v = next;
                continue;
            }
            View view = views.get(v);
            if (view == null) {
                return v;
            }
            Value root = current(view.root());
            if (root == view.seen()) {
                return v;
            }
            if (view.lo() == null) {
                throw new ScriptError("a slice with a step or with bounds known only at run time is read after its"
                        + " tensor was written in place, which is not supported");
            }
            Value fresh = take(view, root);
            newer.put(v, fresh);
            v = fresh;
        }
    }

    /** Records {@code out = x[.., start:end, ..]} on {@code axis} of x; bounds null when not known now. */
    void sliced(Value x, Value out, int axis, Long start, Long end, long step) {
        View base = viewOf(x);
        if (base == null || base.lo() == null || start == null || end == null || step != 1) {
            views.put(out, new View(x, null, null, null, x));
            return;
        }
        int r = rootAxis(base, axis);
        int size = base.hi()[r] - base.lo()[r];
        int[] lo = base.lo().clone();
        int[] hi = base.hi().clone();
        lo[r] = base.lo()[r] + (int) bound(start, size);
        hi[r] = Math.max(lo[r], base.lo()[r] + (int) bound(end, size));
        views.put(out, new View(base.root(), lo, hi, base.dropped(), base.seen()));
    }

    /** Records {@code out = x.select(axis, index)}. */
    void selected(Value x, Value out, int axis, long index) {
        View base = viewOf(x);
        if (base == null || base.lo() == null) {
            views.put(out, new View(x, null, null, null, x));
            return;
        }
        int r = rootAxis(base, axis);
        int at = base.lo()[r] + (int) (index < 0 ? index + base.hi()[r] - base.lo()[r] : index);
        int[] lo = base.lo().clone();
        int[] hi = base.hi().clone();
        boolean[] dropped = base.dropped().clone();
        lo[r] = at;
        hi[r] = at + 1;
        dropped[r] = true;
        views.put(out, new View(base.root(), lo, hi, dropped, base.seen()));
    }

    /**
     * An in-place op on {@code target} computed {@code result} (target's shape): a write into a
     * tracked slice updates its root, any other target is simply replaced by the result.
     */
    void write(Value target, Value result) {
        target = current(target);
        if (result == target) {
            return;
        }
        View view = views.get(target);
        if (view == null) {
            newer.put(target, result);
            return;
        }
        if (view.lo() == null) {
            throw new ScriptError("an in-place write into a slice with a step or with bounds known only at run time"
                    + " is not supported");
        }
        Value root = view.seen();
        int[] dims = root.shape().dims();
        List<Long> droppedAxes = new ArrayList<>();
        int k = 0;
        for (int a = 0; a < dims.length; a++) {
            if (view.dropped()[a]) {
                droppedAxes.add((long) a);
            }
            if (view.lo()[a] != 0 || view.hi()[a] != dims[a]) {
                k = a + 1;
            }
        }
        Value updates = droppedAxes.isEmpty() ? result
                : ir.op("Unsqueeze").in(result, ir.intList(droppedAxes)).out();
        if (k == 0) {
            newer.put(root, updates);
            return;
        }
        Value indices = ir.constant(ir.name() + "_indices", blockIndices(view.lo(), view.hi(), k));
        newer.put(root, ir.op("ScatterND").in(root, indices, updates).out());
    }

    /** The view x is: a tracked slice, or the whole of x (a root) when x is no slice; null when x's shape is unknown. */
    private View viewOf(Value x) {
        View v = views.get(x);
        if (v != null) {
            return v;
        }
        Shape s = x.shape();
        if (s == null || !s.isKnown()) {
            return null;
        }
        return new View(x, new int[s.rank()], s.dims(), new boolean[s.rank()], x);
    }

    /** The root axis that axis {@code axis} of the view is (the view lacks the dropped axes). */
    private static int rootAxis(View view, int axis) {
        int seen = -1;
        for (int r = 0; r < view.lo().length; r++) {
            if (!view.dropped()[r] && ++seen == axis) {
                return r;
            }
        }
        throw new ScriptError("axis " + axis + " of a slice is out of range");
    }

    /** A slice bound as torch reads it: negative counts from the end, clamped to [0, size]. */
    private static long bound(long i, int size) {
        long at = i < 0 ? i + size : i;
        return Math.max(0, Math.min(size, at));
    }

    /** The view's region taken again from a newer root value. */
    private Value take(View view, Value root) {
        int rank = view.lo().length;
        long[] starts = new long[rank];
        long[] ends = new long[rank];
        long[] axes = new long[rank];
        List<Long> dropped = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            starts[a] = view.lo()[a];
            ends[a] = view.hi()[a];
            axes[a] = a;
            if (view.dropped()[a]) {
                dropped.add((long) a);
            }
        }
        Value out = ir.op("Slice").in(root, ir.longs(starts), ir.longs(ends), ir.longs(axes)).out();
        if (!dropped.isEmpty()) {
            out = ir.op("Squeeze").in(out, ir.intList(dropped)).out();
        }
        views.put(out, new View(view.root(), view.lo(), view.hi(), view.dropped(), root));
        return out;
    }

    /** ScatterND indices addressing the block [lo, hi) of the first k axes: shape [n0..n(k-1), k]. */
    private static Tensor blockIndices(int[] lo, int[] hi, int k) {
        long[] shape = new long[k + 1];
        int count = 1;
        for (int a = 0; a < k; a++) {
            shape[a] = hi[a] - lo[a];
            count *= hi[a] - lo[a];
        }
        shape[k] = k;
        long[] idx = new long[count * k];
        int[] counter = new int[k];
        for (int e = 0; e < count; e++) {
            for (int a = 0; a < k; a++) {
                idx[e * k + a] = lo[a] + counter[a];
            }
            for (int a = k - 1; a >= 0 && ++counter[a] == hi[a] - lo[a]; a--) {
                counter[a] = 0;
            }
        }
        return Tensor.ofLongs(Shape.of(shape), idx);
    }
}

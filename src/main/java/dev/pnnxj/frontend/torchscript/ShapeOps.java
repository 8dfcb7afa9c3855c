package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mappings of size queries, views, slicing, joining, casts and tensor creation. Sizes are Python
 * ints when the input shape is known; otherwise Shape → Gather values that the passes fold later.
 */
final class ShapeOps {
    /** torch's "to the end" for slice ends (INT64_MAX). */
    private static final long TO_END = Long.MAX_VALUE;

    private ShapeOps() {
    }

    /** size(x, dim) → int; size(x) → list of ints (a symbolic dim as a 0-d int64 value). */
    static Object size(OpArgs a) {
        Object x = a.get("self");
        if (a.has("dim")) {
            return dimOf(a.ir(), x, a.integer("dim"));
        }
        List<Object> dims = new ArrayList<>();
        for (int i = 0; i < IrBuilder.rank(x); i++) {
            dims.add(dimOf(a.ir(), x, i));
        }
        return dims;
    }

    private static Object dimOf(IrBuilder ir, Object x, long axis) {
        Shape s = IrBuilder.shapeOf(x);
        if (s != null) {
            int d = s.dim(s.axis(axis));
            if (d != Shape.UNKNOWN) {
                return (long) d;
            }
        }
        Value shape = ir.op("Shape").in(ir.tensor(x)).out();
        shape.setDtype(DType.INT64);
        Value d = ir.op("Gather").in(shape, ir.scalar(axis, DType.INT64)).attr("axis", 0).out();
        d.setDtype(DType.INT64);
        return d;
    }

    static Object numel(OpArgs a) {
        Shape s = IrBuilder.shapeOf(a.get("self"));
        if (s == null || !s.isKnown()) {
            throw ScriptError.notStatic("the element count of a tensor");
        }
        return s.numel();
    }

    static Object len(OpArgs a) {
        List<?> items = OpArgs.items(a.get("self"));
        return items != null ? (long) items.size() : (long) IrBuilder.dim(a.get("self"), 0);
    }

    static Value reshape(OpArgs a) {
        Object size = a.get(a.op().equals("view") ? "size" : "shape");
        List<?> items = OpArgs.items(size);
        if (items == null) {
            throw new ScriptError("aten::" + a.op() + " needs a list of sizes");
        }
        return a.ir().op("Reshape").in(a.tensor("self"), a.ir().intList(items)).out();
    }

    static Value reshapeAs(OpArgs a) {
        IrBuilder ir = a.ir();
        return ir.op("Reshape").in(a.tensor("self"), ir.op("Shape").in(a.tensor("other")).out()).out();
    }

    /**
     * flatten(x, start, end): ONNX Flatten for start 1 to the end (x to [N, -1]), else Reshape
     * keeping the axes outside [start, end] (0 copies a dim in ONNX Reshape).
     */
    static Value flatten(OpArgs a) {
        Value x = a.tensor("self");
        long start = a.integer("start_dim", 0);
        long end = a.integer("end_dim", -1);
        IrBuilder ir = a.ir();
        Shape s = x.shape();
        if (s != null) {
            start = s.rank() == 0 ? 0 : s.axis(start);
            end = s.rank() == 0 ? 0 : s.axis(end);
            end = end == s.rank() - 1 ? -1 : end;
        } else if (start < 0 || end != -1 && end < 0) {
            throw ScriptError.notStatic("the rank of a flattened tensor");
        }
        if (start == 1 && end == -1) {
            return ir.op("Flatten").in(x).attr("axis", 1).out();
        }
        List<Long> target = new ArrayList<>();
        for (long i = 0; i < start; i++) {
            target.add(0L);
        }
        target.add(-1L);
        if (end != -1) {
            for (long i = end + 1; i < IrBuilder.rank(x); i++) {
                target.add(0L);
            }
        }
        return ir.op("Reshape").in(x, ir.intList(target)).out();
    }

    static Value permute(OpArgs a) {
        long[] dims = a.ints("dims");
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dims[i] < 0 ? dims[i] + dims.length : dims[i];
        }
        return a.ir().op("Transpose").in(a.tensor("self")).attr("perm", dims).out();
    }

    static Value transpose(OpArgs a) {
        Object x = a.get("self");
        int rank = IrBuilder.rank(x);
        Shape s = IrBuilder.shapeOf(x);
        int d0 = s.axis(a.integer("dim0"));
        int d1 = s.axis(a.integer("dim1"));
        if (d0 == d1) {
            return a.tensor("self");
        }
        if (rank == 2) {
            return NeuralOps.transposed(a.ir(), x);
        }
        long[] perm = new long[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i == d0 ? d1 : i == d1 ? d0 : i;
        }
        return a.ir().op("Transpose").in(a.tensor("self")).attr("perm", perm).out();
    }

    /** t(x): a matrix transposed; 0-D and 1-D tensors unchanged. */
    static Value t(OpArgs a) {
        Object x = a.get("self");
        return IrBuilder.rank(x) < 2 ? a.tensor("self") : NeuralOps.transposed(a.ir(), x);
    }

    static Value unsqueeze(OpArgs a) {
        IrBuilder ir = a.ir();
        return ir.op("Unsqueeze").in(a.tensor("self"), ir.longs(a.integer("dim"))).out();
    }

    /** squeeze(x) drops every 1; squeeze(x, dim) drops that axis only when it is 1, as torch does. */
    static Value squeeze(OpArgs a) {
        Value x = a.tensor("self");
        IrBuilder ir = a.ir();
        if (!a.has("dim")) {
            return ir.op("Squeeze").in(x).out();
        }
        long[] dims = a.ints("dim");
        Shape s = x.shape();
        List<Long> axes = new ArrayList<>();
        for (long d : dims) {
            if (s == null || s.dim(s.axis(d)) == 1 || s.dim(s.axis(d)) == Shape.UNKNOWN) {
                axes.add(d);
            }
        }
        return axes.isEmpty() ? x : ir.op("Squeeze").in(x, ir.intList(axes)).out();
    }

    /** slice(x, dim, start, end, step); a slice of everything is x itself, and on a list a sub-list. */
    static Object slice(OpArgs a) {
        List<?> list = OpArgs.items(a.get("self"));
        long step = a.integer("step", 1);
        if (list != null) {
            long n = list.size();
            long start = clamp(a.integer("start", 0), n);
            long end = clamp(a.integer("end", n), n);
            if (step != 1) {
                throw new ScriptError("list slices with a step are not supported");
            }
            return new ArrayList<>(list.subList((int) start, (int) Math.max(start, end)));
        }
        Value x = a.tensor("self");
        long dim = a.integer("dim", 0);
        Object start = a.has("start") ? a.get("start") : (Object) 0L;
        Object end = a.has("end") ? a.get("end") : (Object) TO_END;
        Long s0 = IrBuilder.staticLong(start);
        Long e0 = IrBuilder.staticLong(end);
        Shape shape = x.shape();
        boolean toEnd = e0 != null && (e0 == TO_END || shape != null && shape.dim(shape.axis(dim)) != Shape.UNKNOWN
                && e0 >= shape.dim(shape.axis(dim)));
        if (step == 1 && s0 != null && s0 == 0 && toEnd) {
            return x;
        }
        return slice(a.ir(), x, dim, start, end, step);
    }

    private static long clamp(long i, long n) {
        long at = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, at));
    }

    private static Value slice(IrBuilder ir, Value x, long dim, Object start, Object end, long step) {
        Value out = ir.op("Slice").in(x, ir.intList(List.of(start)), ir.intList(List.of(end)), ir.longs(dim),
                ir.longs(step)).out();
        Shape s = x.shape();
        if (s != null) {
            ir.writes().sliced(x, out, s.axis(dim), IrBuilder.staticLong(start), IrBuilder.staticLong(end), step);
        }
        return out;
    }

    static Value narrow(OpArgs a) {
        long start = a.integer("start");
        return slice(a.ir(), a.tensor("self"), a.integer("dim"), start, start + a.integer("length"), 1);
    }

    /**
     * roll(x, shifts, dims): per axis, the last shift elements moved to the front, as a Concat of two
     * Slices. Without dims torch rolls the flattened tensor, which no model seen so far does.
     */
    static Value roll(OpArgs a) {
        long[] shifts = a.ints("shifts");
        long[] dims = a.ints("dims", new long[0]);
        if (dims.length != shifts.length) {
            throw new ScriptError("roll with " + shifts.length + " shifts over " + dims.length + " dims");
        }
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        for (int i = 0; i < dims.length; i++) {
            long n = IrBuilder.dim(x, dims[i]);
            long s = Math.floorMod(shifts[i], n);
            if (s != 0) {
                x = ir.op("Concat").attr("axis", dims[i])
                        .in(slice(ir, x, dims[i], n - s, n, 1), slice(ir, x, dims[i], 0L, n - s, 1)).out();
            }
        }
        return x;
    }

    /** select(x, dim, index): Gather with a scalar index, which drops the axis. */
    static Value select(OpArgs a) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        long index = a.integer("index");
        Value out = ir.op("Gather").in(x, ir.scalar(index, DType.INT64)).attr("axis", a.integer("dim")).out();
        Shape s = x.shape();
        if (s != null) {
            ir.writes().selected(x, out, s.axis(a.integer("dim")), index);
        }
        return out;
    }

    /** copy_(self, src): src broadcast to self's shape in self's dtype; the write itself is {@link InPlaceWrites}'. */
    static Value copy(OpArgs a) {
        IrBuilder ir = a.ir();
        Value self = a.tensor("self");
        Value src = a.tensor("src");
        Shape s = self.shape();
        if (s == null || !s.isKnown()) {
            throw ScriptError.notStatic("the shape of a tensor copied into");
        }
        if (!s.equals(src.shape())) {
            src = ir.op("Expand").in(src, ir.longs(Arrays.stream(s.dims()).asLongStream().toArray())).out();
        }
        return cast(ir, src, self.dtype());
    }

    /** chunk(x, n, dim): ceil(size / n) per chunk, the last one smaller, as torch splits. */
    static List<Value> chunk(OpArgs a) {
        Value x = a.tensor("self");
        long dim = a.integer("dim", 0);
        long size = IrBuilder.dim(x, dim);
        long chunks = a.integer("chunks");
        long each = (size + chunks - 1) / chunks;
        return split(a.ir(), x, dim, evenSizes(size, each));
    }

    /** split(x, size, dim) in pieces of size (the last smaller) or split_with_sizes(x, sizes, dim). */
    static List<Value> split(OpArgs a) {
        Value x = a.tensor("self");
        long dim = a.integer("dim", 0);
        Object sizes = a.get(a.op().equals("split") ? "split_size" : "split_sizes");
        if (OpArgs.items(sizes) != null) {
            return split(a.ir(), x, dim, a.ints(a.op().equals("split") ? "split_size" : "split_sizes"));
        }
        return split(a.ir(), x, dim, evenSizes(IrBuilder.dim(x, dim), PyOps.toLong(sizes)));
    }

    private static long[] evenSizes(long total, long each) {
        if (each <= 0) {
            throw new ScriptError("split size " + each);
        }
        long[] sizes = new long[(int) ((total + each - 1) / each)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Math.min(each, total - i * each);
        }
        return sizes;
    }

    private static List<Value> split(IrBuilder ir, Value x, long dim, long[] sizes) {
        if (sizes.length == 1) {
            return List.of(x);
        }
        return ir.op("Split").in(x, ir.longs(sizes)).attr("axis", dim).outs(sizes.length);
    }

    static List<Value> unbind(OpArgs a) {
        Value x = a.tensor("self");
        long dim = a.integer("dim", 0);
        long[] ones = new long[IrBuilder.dim(x, dim)];
        Arrays.fill(ones, 1);
        IrBuilder ir = a.ir();
        List<Value> out = new ArrayList<>();
        for (Value part : ones.length == 1 ? List.of(x) : ir.op("Split").in(x, ir.longs(ones)).attr("axis", dim).outs(ones.length)) {
            out.add(ir.op("Squeeze").in(part, ir.longs(dim)).out());
        }
        return out;
    }

    static Value cat(OpArgs a) {
        List<?> items = a.list("tensors");
        IrBuilder ir = a.ir();
        if (items.size() == 1) {
            return ir.tensor(items.get(0));
        }
        IrBuilder.Op op = ir.op("Concat").attr("axis", a.integer("dim", 0));
        for (Object t : items) {
            op.in(ir.tensor(t));
        }
        return op.out();
    }

    static Value stack(OpArgs a) {
        List<?> items = a.list("tensors");
        IrBuilder ir = a.ir();
        long dim = a.integer("dim", 0);
        IrBuilder.Op op = ir.op("Concat").attr("axis", dim);
        for (Object t : items) {
            op.in(ir.op("Unsqueeze").in(ir.tensor(t), ir.longs(dim)).out());
        }
        return op.out();
    }

    /** expand(x, size): torch's -1 (keep) is a 1 in ONNX Expand, whose broadcasting keeps the dim. */
    static Value expand(OpArgs a) {
        List<Object> size = new ArrayList<>(a.list("size"));
        for (int i = 0; i < size.size(); i++) {
            Long l = IrBuilder.staticLong(size.get(i));
            if (l != null && l == -1) {
                size.set(i, 1L);
            }
        }
        IrBuilder ir = a.ir();
        return ir.op("Expand").in(a.tensor("self"), ir.intList(size)).out();
    }

    static Value expandAs(OpArgs a) {
        IrBuilder ir = a.ir();
        return ir.op("Expand").in(a.tensor("self"), ir.op("Shape").in(a.tensor("other")).out()).out();
    }

    /** repeat(x, repeats): Tile, after giving x leading 1-dims when repeats has more axes. */
    static Value repeat(OpArgs a) {
        return tile(a, a.ints("repeats"));
    }

    /** torch.tile: like repeat, but fewer dims than the tensor has repeat its trailing axes. */
    static Value tile(OpArgs a) {
        long[] dims = a.ints("dims");
        int rank = IrBuilder.rank(a.tensor("self"));
        long[] repeats = dims;
        if (dims.length < rank) {
            repeats = new long[rank];
            java.util.Arrays.fill(repeats, 1);
            System.arraycopy(dims, 0, repeats, rank - dims.length, dims.length);
        }
        return tile(a, repeats);
    }

    /** x repeated along each axis, x first given leading axes of 1 when there are more repeats than axes. */
    private static Value tile(OpArgs a, long[] repeats) {
        Value x = a.tensor("self");
        int rank = IrBuilder.rank(x);
        IrBuilder ir = a.ir();
        if (repeats.length > rank) {
            long[] axes = new long[repeats.length - rank];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
            x = ir.op("Unsqueeze").in(x, ir.longs(axes)).out();
        }
        return ir.op("Tile").in(x, ir.longs(repeats)).out();
    }

    /** Advanced indexing x[..., idx, ...] with one index tensor: Gather on its axis. */
    static Value index(OpArgs a) {
        List<?> indices = a.list("indices");
        int axis = -1;
        for (int i = 0; i < indices.size(); i++) {
            if (indices.get(i) != null) {
                if (axis >= 0) {
                    throw new ScriptError("indexing with several index tensors is not supported");
                }
                axis = i;
            }
        }
        if (axis < 0) {
            return a.tensor("self");
        }
        IrBuilder ir = a.ir();
        Value index = ir.tensor(indices.get(axis));
        if (index.dtype() == DType.BOOL) {
            throw new ScriptError("indexing with a bool mask is not supported");
        }
        return ir.op("Gather").in(a.tensor("self"), index).attr("axis", axis).out();
    }

    static Value indexSelect(OpArgs a) {
        return a.ir().op("Gather").in(a.tensor("self"), a.tensor("index")).attr("axis", a.integer("dim")).out();
    }

    static Value embedding(OpArgs a) {
        return a.ir().op("Gather").in(a.tensor("weight"), a.tensor("indices")).attr("axis", 0).out();
    }

    static Value dropout(OpArgs a) {
        if (a.flag("train", false) && a.number("p", 0.5) != 0) {
            throw new ScriptError("dropout in training mode; call model.eval() before saving");
        }
        return a.tensor("input");
    }

    /**
     * to(x, ...): the dtype comes from a dtype code in the second or third place (after a device),
     * or from another tensor; without one (a device move) x is returned.
     */
    static Value to(OpArgs a) {
        Value x = a.tensor("self");
        Object first = a.get("dtype");
        DType target = null;
        if (first instanceof Long code) {
            target = ScalarTypes.dtype(code);
        } else if (first instanceof String && a.get("layout") instanceof Long code) {
            target = ScalarTypes.dtype(code);
        } else if (first instanceof Value || first instanceof Param) {
            target = a.ir().tensor(first).dtype();
            if (target == null) {
                throw ScriptError.notStatic("the dtype of the tensor converted to");
            }
        }
        return cast(a.ir(), x, target);
    }

    static Value typeAs(OpArgs a) {
        DType target = a.tensor("other").dtype();
        if (target == null) {
            throw ScriptError.notStatic("the dtype of the tensor converted to");
        }
        return cast(a.ir(), a.tensor("self"), target);
    }

    private static Value cast(IrBuilder ir, Value x, DType target) {
        if (target == null || target == x.dtype()) {
            return x;
        }
        return ir.op("Cast").in(x).attr("to", ScalarTypes.onnxCode(target)).out();
    }

    /** tensor(data, dtype, ...): a constant from nested lists of numbers known now. */
    static Value tensor(OpArgs a) {
        List<Long> dims = new ArrayList<>();
        List<Object> flat = new ArrayList<>();
        flatten(a.get("data"), 0, dims, flat);
        boolean floating = flat.stream().anyMatch(v -> v instanceof Double);
        boolean bool = !flat.isEmpty() && flat.stream().allMatch(v -> v instanceof Boolean);
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype"))
                : floating ? DType.FLOAT32 : bool ? DType.BOOL : DType.INT64;
        double[] values = new double[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = PyOps.toDouble(flat.get(i));
        }
        Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        return a.ir().constant(a.ir().name(), Tensor.ofDoubles(dtype, shape, values));
    }

    private static void flatten(Object v, int depth, List<Long> dims, List<Object> flat) {
        List<?> items = OpArgs.items(v);
        if (items == null) {
            Long l = IrBuilder.staticLong(v);
            if (!(v instanceof Double) && l == null) {
                throw ScriptError.notStatic("a value of torch.tensor(...)");
            }
            flat.add(v instanceof Double || v instanceof Boolean ? v : (Object) l);
            return;
        }
        if (dims.size() == depth) {
            dims.add((long) items.size());
        } else if (dims.get(depth) != items.size()) {
            throw new ScriptError("torch.tensor of ragged nested lists");
        }
        for (Object item : items) {
            flatten(item, depth + 1, dims, flat);
        }
    }

    /** zeros / ones / full(size, [fill,] dtype, ...): ConstantOfShape. */
    /**
     * arange(end), arange(start, end) or arange(start, end, step): ONNX Range, int64 unless a bound
     * is a float or dtype says otherwise (folded once the bounds are known).
     */
    static Value arange(OpArgs a) {
        List<Object> bounds = new ArrayList<>();
        for (String p : List.of("p0", "p1", "p2")) {
            Object v = a.get(p);
            if (v instanceof Number || v instanceof Value) {
                bounds.add(v);
            }
        }
        if (bounds.isEmpty()) {
            throw new ScriptError("arange without bounds");
        }
        boolean floating = bounds.stream().anyMatch(v -> v instanceof Double
                || v instanceof Value value && value.dtype() != null && value.dtype().isFloating());
        DType dtype = a.get("dtype") != null ? ScalarTypes.dtype(a.integer("dtype"))
                : floating ? DType.FLOAT32 : DType.INT64;
        IrBuilder ir = a.ir();
        List<Object> full = bounds.size() == 1 ? List.of(0L, bounds.get(0), 1L)
                : bounds.size() == 2 ? List.of(bounds.get(0), bounds.get(1), 1L) : bounds;
        Value[] in = new Value[3];
        for (int i = 0; i < 3; i++) {
            Object v = full.get(i);
            in[i] = v instanceof Value value ? castTo(ir, value, dtype) : ir.scalar(v, dtype);
        }
        return ir.op("Range").in(in).out();
    }

    private static Value castTo(IrBuilder ir, Value v, DType dtype) {
        return v.dtype() == dtype ? v : ir.op("Cast").in(v).attr("to", ScalarTypes.onnxCode(dtype)).out();
    }

    /** linspace(start, end, steps) of Python numbers: a constant, computed as PyTorch does (from both ends). */
    static Value linspace(OpArgs a) {
        if (!(a.get("start") instanceof Number) || !(a.get("end") instanceof Number)
                || !(a.get("steps") instanceof Number)) {
            throw new ScriptError("linspace with bounds computed in the graph is not supported");
        }
        double start = a.number("start");
        double end = a.number("end");
        int steps = Math.toIntExact(a.integer("steps"));
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step;
        }
        DType dtype = a.get("dtype") != null ? ScalarTypes.dtype(a.integer("dtype")) : DType.FLOAT32;
        return a.ir().constant(a.ir().name() + "_linspace", Tensor.ofDoubles(dtype, Shape.of(steps), v));
    }

    /**
     * meshgrid(tensors, indexing): each 1-D tensor viewed along its own axis and expanded to the
     * lengths of all; {@code xy} swaps the first two axes.
     */
    static List<Value> meshgrid(OpArgs a) {
        IrBuilder ir = a.ir();
        List<Value> ts = new ArrayList<>();
        for (Object t : a.list("tensors")) {
            ts.add(ir.tensor(t));
        }
        int n = ts.size();
        int[] axis = new int[n];
        for (int i = 0; i < n; i++) {
            axis[i] = i;
        }
        if (a.string("indexing", "ij").equals("xy") && n >= 2) {
            axis[0] = 1;
            axis[1] = 0;
        }
        Value[] lengths = new Value[n];
        for (int i = 0; i < n; i++) {
            lengths[axis[i]] = ir.op("Shape").in(ts.get(i)).out();
        }
        Value full = ir.op("Concat").in(lengths).attr("axis", 0).out();
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] view = new long[n];
            Arrays.fill(view, 1);
            view[axis[i]] = -1;
            out.add(ir.op("Expand").in(ir.op("Reshape").in(ts.get(i), ir.longs(view)).out(), full).out());
        }
        return out;
    }

    static Value full(OpArgs a, Double fill) {
        IrBuilder ir = a.ir();
        return constantOfShape(ir, ir.intList(a.list("size")), fillValue(a, fill));
    }

    /** zeros_like / ones_like / full_like(x, [fill,] dtype, ...): ConstantOfShape of x's shape. */
    static Value fullLike(OpArgs a, Double fill) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype")) : x.dtype();
        double value = fill != null ? fill : a.number("fill_value");
        return constantOfShape(ir, ir.op("Shape").in(x).out(),
                Tensor.ofDoubles(dtype == null ? DType.FLOAT32 : dtype, Shape.of(1), value));
    }

    /** new_zeros / new_ones / new_full(self, size, ...): a filled tensor of size in self's dtype unless one is given. */
    static Value newFull(OpArgs a, Double fill) {
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype")) : a.tensor("self").dtype();
        double value = fill != null ? fill : a.number("fill_value");
        IrBuilder ir = a.ir();
        return constantOfShape(ir, ir.intList(a.list("size")), Tensor.ofDoubles(dtype, Shape.of(1), value));
    }

    private static Tensor fillValue(OpArgs a, Double fill) {
        Object value = fill != null ? fill : a.get("fill_value");
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype"))
                : value instanceof Double || fill != null ? DType.FLOAT32 : DType.INT64;
        return Tensor.ofDoubles(dtype, Shape.of(1), PyOps.toDouble(value));
    }

    private static Value constantOfShape(IrBuilder ir, Value shape, Tensor value) {
        return ir.op("ConstantOfShape").in(shape).attr("value", value).out();
    }
}

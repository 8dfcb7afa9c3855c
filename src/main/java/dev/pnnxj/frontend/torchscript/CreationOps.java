package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Mappings of ops that make new tensors from numbers: arange (a Range node, folded once the
 * sizes it reads are known), linspace, eye, and diag of a constant.
 */
final class CreationOps {
    private CreationOps() {
    }

    /**
     * arange(end), arange(start, end) or arange(start, end, step), dtype by keyword: Range over
     * 0-d operands of the result type, which is the dtype given, else float32 when a bound is a
     * float, else int64 (torch's rule).
     */
    static Value arange(OpArgs a) {
        List<Object> bounds = new ArrayList<>();
        for (String p : List.of("a0", "a1", "a2")) {
            if (a.has(p)) {
                bounds.add(a.get(p));
            }
        }
        if (bounds.isEmpty()) {
            throw new ScriptError("aten::arange without an end");
        }
        Object start = bounds.size() == 1 ? (Object) 0L : bounds.get(0);
        Object end = bounds.size() == 1 ? bounds.get(0) : bounds.get(1);
        Object step = bounds.size() == 3 ? bounds.get(2) : (Object) 1L;
        IrBuilder ir = a.ir();
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype")) : null;
        if (dtype == null) {
            boolean floating = false;
            for (Object b : List.of(start, end, step)) {
                floating |= b instanceof Double || b instanceof Value v && v.dtype() != null && v.dtype().isFloating();
            }
            dtype = floating ? DType.FLOAT32 : DType.INT64;
        }
        return ir.op("Range").in(operand(ir, start, dtype), operand(ir, end, dtype), operand(ir, step, dtype)).out();
    }

    private static Value operand(IrBuilder ir, Object v, DType dtype) {
        if (v instanceof Number n) {
            return ir.scalar(n, dtype);
        }
        Value t = ir.tensor(v);
        if (t.shape() != null && t.shape().rank() != 0) {
            t = ir.op("Reshape").in(t, ir.longs()).out();
        }
        return t.dtype() == dtype ? t : ir.op("Cast").in(t).attr("to", ScalarTypes.onnxCode(dtype)).out();
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

    /** eye(n) or eye(n, m): a constant identity matrix, float32 unless a dtype is given. */
    static Value eye(OpArgs a) {
        int n = Math.toIntExact(a.integer("n"));
        int m = Math.toIntExact(a.integer("m", n));
        DType dtype = a.has("dtype") ? ScalarTypes.dtype(a.integer("dtype")) : DType.FLOAT32;
        double[] values = new double[n * m];
        for (int i = 0; i < Math.min(n, m); i++) {
            values[i * m + i] = 1;
        }
        return a.ir().constant(a.ir().name(), Tensor.ofDoubles(dtype, Shape.of(n, m), values));
    }

    /**
     * diag(x, k) of a constant: a 1-D x becomes the square matrix with x on diagonal k, a 2-D x
     * gives its diagonal k. A diag of data has no ncnn lowering and is refused.
     */
    static Value diag(OpArgs a) {
        Tensor x = a.ir().constantData(a.get("self"), "the input of torch.diag");
        long k = a.integer("diagonal", 0);
        double[] v = x.toDoubles();
        Tensor out;
        if (x.shape().rank() == 1) {
            int n = v.length + (int) Math.abs(k);
            double[] m = new double[n * n];
            for (int i = 0; i < v.length; i++) {
                int row = k >= 0 ? i : i - (int) k;
                m[row * n + row + (int) k] = v[i];
            }
            out = Tensor.ofDoubles(x.dtype(), Shape.of(n, n), m);
        } else if (x.shape().rank() == 2) {
            int rows = x.shape().dim(0);
            int cols = x.shape().dim(1);
            List<Double> d = new ArrayList<>();
            for (int i = Math.max(0, (int) -k); i < rows && i + k < cols; i++) {
                d.add(v[(int) (i * cols + i + k)]);
            }
            out = Tensor.ofDoubles(x.dtype(), Shape.of(d.size()), d.stream().mapToDouble(Double::doubleValue).toArray());
        } else {
            throw new ScriptError("torch.diag of a " + x.shape().rank() + "-D tensor");
        }
        return a.ir().constant(a.ir().name(), out);
    }
}

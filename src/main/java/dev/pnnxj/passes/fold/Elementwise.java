package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.Broadcast;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Elementwise arithmetic. Integer and bool tensors are computed exactly in {@code long} when the
 * op has an integer form; everything else in {@code double}, then stored in the output type.
 */
final class Elementwise {
    private Elementwise() {
    }

    /** {@code intOp} may be null when the op is only defined on numbers (then doubles are used). */
    static Tensor unary(Tensor x, DType out, LongUnaryOperator intOp, DoubleUnaryOperator realOp) {
        if (intOp != null && !x.dtype().isFloating()) {
            long[] v = x.toLongs();
            for (int i = 0; i < v.length; i++) {
                v[i] = intOp.applyAsLong(v[i]);
            }
            return Elements.ofLongs(out, x.shape(), v);
        }
        double[] v = x.toDoubles();
        for (int i = 0; i < v.length; i++) {
            v[i] = realOp.applyAsDouble(v[i]);
        }
        return Tensor.ofDoubles(out, x.shape(), v);
    }

    /** Numpy-broadcast binary op; {@code intOp} as for {@link #unary}. */
    static Tensor binary(Tensor a, Tensor b, DType out, LongBinaryOperator intOp, DoubleBinaryOperator realOp) {
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        int[] ia = IndexMaps.broadcast(a.shape(), shape);
        int[] ib = IndexMaps.broadcast(b.shape(), shape);
        if (intOp != null && !a.dtype().isFloating() && !b.dtype().isFloating()) {
            long[] x = a.toLongs();
            long[] y = b.toLongs();
            long[] r = new long[ia.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = intOp.applyAsLong(x[ia[i]], y[ib[i]]);
            }
            return Elements.ofLongs(out, shape, r);
        }
        double[] x = a.toDoubles();
        double[] y = b.toDoubles();
        double[] r = new double[ia.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = realOp.applyAsDouble(x[ia[i]], y[ib[i]]);
        }
        return Tensor.ofDoubles(out, shape, r);
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.LayoutShapes;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/** Kernels of the elementwise and reduction ops. */
final class MathKernels {
    private MathKernels() {
    }

    /** Same type as the input; {@code intOp} null for ops defined on numbers only. */
    static Kernel unary(LongUnaryOperator intOp, DoubleUnaryOperator realOp) {
        return (n, in) -> List.of(Elementwise.unary(in.get(0), in.get(0).dtype(), intOp, realOp));
    }

    /** Broadcasting arithmetic over any number of inputs, left to right, in input 0's type. */
    static Kernel arithmetic(LongBinaryOperator intOp, DoubleBinaryOperator realOp) {
        return (n, in) -> {
            Tensor acc = in.get(0);
            for (int i = 1; i < in.size(); i++) {
                acc = Elementwise.binary(acc, in.get(i), acc.dtype(), intOp, realOp);
            }
            return List.of(acc);
        };
    }

    /** A broadcasting predicate giving bool. */
    static Kernel predicate(LongPredicate2 intTest, DoublePredicate2 realTest) {
        return (n, in) -> List.of(Elementwise.binary(in.get(0), in.get(1), DType.BOOL,
                (a, b) -> intTest.test(a, b) ? 1 : 0, (a, b) -> realTest.test(a, b) ? 1 : 0));
    }

    @FunctionalInterface
    interface LongPredicate2 {
        boolean test(long a, long b);
    }

    @FunctionalInterface
    interface DoublePredicate2 {
        boolean test(double a, double b);
    }

    /** Mod: sign of the divisor by default (Python's %), of the dividend with fmod=1 (C's fmod). */
    static List<Tensor> mod(Node n, List<Tensor> in) {
        boolean fmod = n.getInt("fmod", 0) != 0;
        return List.of(Elementwise.binary(in.get(0), in.get(1), in.get(0).dtype(),
                fmod ? (a, b) -> a % b : Math::floorMod,
                fmod ? (a, b) -> a % b : (a, b) -> a - Math.floor(a / b) * b));
    }

    /** Pow in the base's type. */
    static List<Tensor> pow(Node n, List<Tensor> in) {
        return List.of(Elementwise.binary(in.get(0), in.get(1), in.get(0).dtype(), null, Math::pow));
    }

    /** The Reduce* ops this evaluator folds, each exact in long for integer tensors. */
    enum Reduction {
        SUM, PROD, MAX, MIN, MEAN;

        long longIdentity() {
            return switch (this) {
                case SUM, MEAN -> 0;
                case PROD -> 1;
                case MAX -> Long.MIN_VALUE;
                case MIN -> Long.MAX_VALUE;
            };
        }

        double doubleIdentity() {
            return switch (this) {
                case SUM, MEAN -> 0;
                case PROD -> 1;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            };
        }

        long combine(long acc, long v) {
            return switch (this) {
                case SUM, MEAN -> acc + v;
                case PROD -> acc * v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }

        double combine(double acc, double v) {
            return switch (this) {
                case SUM, MEAN -> acc + v;
                case PROD -> acc * v;
                case MAX -> Math.max(acc, v);
                case MIN -> Math.min(acc, v);
            };
        }
    }

    /** Reduce* with the axes input, keepdims and noop_with_empty_axes. */
    static Kernel reduce(Reduction r) {
        return (n, in) -> {
            Tensor x = in.get(0);
            Shape shape = x.shape();
            boolean[] reduced = LayoutShapes.reducedAxes(shape.rank(), Kernel.optionalLongs(in, 1),
                    n.getInt("noop_with_empty_axes", 0) != 0);
            Shape kept = LayoutShapes.reduce(shape, reduced, true);
            int[] st = IndexMaps.strides(kept);
            int[] target = IndexMaps.build(shape, (a, c) -> reduced[a] ? 0 : c * st[a]);
            int outCount = Math.toIntExact(kept.numel());
            long count = outCount == 0 ? 0 : x.numel() / outCount;
            Shape out = LayoutShapes.reduce(shape, reduced, n.getInt("keepdims", 1) != 0);
            if (!x.dtype().isFloating()) {
                long[] v = x.toLongs();
                long[] acc = new long[outCount];
                Arrays.fill(acc, r.longIdentity());
                for (int i = 0; i < v.length; i++) {
                    acc[target[i]] = r.combine(acc[target[i]], v[i]);
                }
                if (r == Reduction.MEAN) {
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] /= count;
                    }
                }
                return List.of(Elements.ofLongs(x.dtype(), out, acc));
            }
            double[] v = x.toDoubles();
            double[] acc = new double[outCount];
            Arrays.fill(acc, r.doubleIdentity());
            for (int i = 0; i < v.length; i++) {
                acc[target[i]] = r.combine(acc[target[i]], v[i]);
            }
            if (r == Reduction.MEAN) {
                for (int i = 0; i < acc.length; i++) {
                    acc[i] /= count;
                }
            }
            return List.of(Tensor.ofDoubles(x.dtype(), out, acc));
        };
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

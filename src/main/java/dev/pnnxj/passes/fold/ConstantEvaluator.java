package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.fold.MathKernels.Reduction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The one table of IR op type → kernel evaluating it on constant inputs. Every constant-folding
 * rule goes through {@link #evaluate}.
 */
public final class ConstantEvaluator {
    private static final Map<String, Kernel> TABLE = new TreeMap<>();

    /** Ops whose output depends only on the input's shape, so they fold once that is known. */
    private static final Map<String, BiFunction<Node, Shape, Tensor>> FROM_SHAPE = Map.of(
            "Shape", CreationKernels::shapeOf,
            "Size", CreationKernels::sizeOf);

    static {
        FROM_SHAPE.forEach((op, f) -> register(op, (n, in) -> List.of(f.apply(n, in.get(0).shape()))));
        register("ConstantOfShape", CreationKernels::constantOfShape);
        register("Range", CreationKernels::range);
        register("Conv", ConvKernel::conv);
        register("Cast", CreationKernels::cast);

        for (String op : Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze")) {
            register(op, MovementKernels::view);
        }
        register("Transpose", MovementKernels::transpose);
        register("Slice", MovementKernels::slice);
        register("Gather", MovementKernels::gather);
        register("Concat", MovementKernels::concat);
        register("Split", MovementKernels::split);
        register("MatMul", MatMulKernel::apply);
        register("Expand", MovementKernels::expand);
        register("Tile", MovementKernels::tile);
        register("Where", MovementKernels::where);
        register("NonZero", MovementKernels::nonZero);
        register("ScatterND", MovementKernels::scatterNd);

        register("Add", MathKernels.arithmetic((a, b) -> a + b, (a, b) -> a + b));
        register("Sub", MathKernels.arithmetic((a, b) -> a - b, (a, b) -> a - b));
        register("Mul", MathKernels.arithmetic((a, b) -> a * b, (a, b) -> a * b));
        register("Div", MathKernels.arithmetic((a, b) -> a / b, (a, b) -> a / b));
        register("Sum", MathKernels.arithmetic((a, b) -> a + b, (a, b) -> a + b));
        register("Min", MathKernels.arithmetic(Math::min, Math::min));
        register("Max", MathKernels.arithmetic(Math::max, Math::max));
        register("Mod", MathKernels::mod);
        register("Pow", MathKernels::pow);
        register("Equal", MathKernels.predicate((a, b) -> a == b, (a, b) -> a == b));
        register("Less", MathKernels.predicate((a, b) -> a < b, (a, b) -> a < b));
        register("LessOrEqual", MathKernels.predicate((a, b) -> a <= b, (a, b) -> a <= b));
        register("Greater", MathKernels.predicate((a, b) -> a > b, (a, b) -> a > b));
        register("GreaterOrEqual", MathKernels.predicate((a, b) -> a >= b, (a, b) -> a >= b));
        register("And", MathKernels.predicate((a, b) -> a != 0 && b != 0, (a, b) -> a != 0 && b != 0));
        register("Or", MathKernels.predicate((a, b) -> a != 0 || b != 0, (a, b) -> a != 0 || b != 0));
        register("Xor", MathKernels.predicate((a, b) -> (a != 0) != (b != 0), (a, b) -> (a != 0) != (b != 0)));
        register("Not", MathKernels.unary(a -> a == 0 ? 1 : 0, a -> a == 0 ? 1 : 0));
        register("Neg", MathKernels.unary(a -> -a, a -> -a));
        register("Abs", MathKernels.unary(Math::abs, Math::abs));
        register("Relu", MathKernels.unary(a -> Math.max(a, 0), a -> Math.max(a, 0)));
        register("Floor", MathKernels.unary(a -> a, Math::floor));
        register("Ceil", MathKernels.unary(a -> a, Math::ceil));
        register("Sqrt", MathKernels.unary(null, Math::sqrt));
        register("Reciprocal", MathKernels.unary(null, a -> 1 / a));
        register("Exp", MathKernels.unary(null, Math::exp));
        register("Log", MathKernels.unary(null, Math::log));
        register("Tanh", MathKernels.unary(null, Math::tanh));
        register("Sin", MathKernels.unary(null, Math::sin));
        register("Cos", MathKernels.unary(null, Math::cos));
        register("Erf", MathKernels.unary(null, SpecialFunctions::erf));
        register("Sigmoid", MathKernels.unary(null, MathKernels::sigmoid));
        register("ReduceSum", MathKernels.reduce(Reduction.SUM));
        register("ReduceProd", MathKernels.reduce(Reduction.PROD));
        register("ReduceMean", MathKernels.reduce(Reduction.MEAN));
        register("ReduceMax", MathKernels.reduce(Reduction.MAX));
        register("ReduceMin", MathKernels.reduce(Reduction.MIN));
    }

    private ConstantEvaluator() {
    }

    /** Every op type with a kernel. */
    public static Set<String> ops() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    /** The kernel for an op type, or null. */
    public static Kernel kernel(String op) {
        return TABLE.get(op);
    }

    /**
     * The outputs of {@code n} when they are known at conversion time: every present input is a
     * constant and the op has a kernel, or the op reads only its input's shape and the dims it
     * reads are known. Null otherwise.
     */
    public static List<Tensor> evaluate(Node n) {
        BiFunction<Node, Shape, Tensor> fromShape = FROM_SHAPE.get(n.op());
        if (fromShape != null && n.input(0) != null && n.input(0).shape() != null) {
            Tensor t = fromShape.apply(n, n.input(0).shape());
            return t == null ? null : List.of(t);
        }
        Kernel k = TABLE.get(n.op());
        if (k == null) {
            return null;
        }
        List<Tensor> in = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (v != null && !v.isConstant()) {
                return null;
            }
            in.add(v == null ? null : v.constant());
        }
        List<Tensor> out = k.apply(n, in);
        return out != null && out.size() == n.outputs().size() ? out : null;
    }

    private static void register(String op, Kernel k) {
        if (TABLE.put(op, k) != null) {
            throw new IllegalStateException("two kernels for " + op);
        }
    }
}

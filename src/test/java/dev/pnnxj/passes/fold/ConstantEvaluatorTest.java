package dev.pnnxj.passes.fold;

import static dev.pnnxj.passes.TestTensors.assertLongs;
import static dev.pnnxj.passes.TestTensors.assertTensor;
import static dev.pnnxj.passes.TestTensors.f32;
import static dev.pnnxj.passes.TestTensors.i64;
import static dev.pnnxj.passes.TestTensors.scalar;
import static dev.pnnxj.passes.TestTensors.shape;
import static dev.pnnxj.passes.TestTensors.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.util.Half;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConstantEvaluatorTest {
    private static final Consumer<Node> NONE = n -> {
    };
    private static final DType F = DType.FLOAT32;
    private static final DType L = DType.INT64;
    private static final DType B = DType.BOOL;

    /** Evaluates a node of {@code op} whose inputs are the given constants (null = omitted). */
    private static Tensor eval(String op, Consumer<Node> attrs, Tensor... inputs) {
        Graph g = new Graph();
        List<Value> in = new ArrayList<>();
        for (Tensor t : inputs) {
            in.add(t == null ? null : g.constant("c", t));
        }
        Node n = g.addNode(op, null, in, List.of("y"));
        attrs.accept(n);
        List<Tensor> out = ConstantEvaluator.evaluate(n);
        assertNotNull(out, op + " did not evaluate");
        return out.get(0);
    }

    private static Tensor evalShapeOf(String op, Shape inputShape, Consumer<Node> attrs) {
        Graph g = new Graph();
        Node n = g.addNode(op, null, List.of(g.addInput("x", F, inputShape)), List.of("y"));
        attrs.accept(n);
        List<Tensor> out = ConstantEvaluator.evaluate(n);
        return out == null ? null : out.get(0);
    }

    @Test
    void shapeFoldsFromAKnownInputShapeWithStartAndEnd() {
        assertLongs(evalShapeOf("Shape", shape(2, 3, 4), NONE), L, shape(3), 2, 3, 4);
        assertLongs(evalShapeOf("Shape", shape(2, 3, 4), n -> n.set("start", 1)), L, shape(2), 3, 4);
        assertLongs(evalShapeOf("Shape", shape(2, 3, 4), n -> n.set("end", -1)), L, shape(2), 2, 3);
        assertLongs(evalShapeOf("Shape", shape(-1, 3, 4), n -> n.set("start", -2).set("end", 9)), L, shape(2), 3, 4);
        assertNull(evalShapeOf("Shape", shape(-1, 3, 4), NONE));
    }

    @Test
    void sizeFoldsFromAKnownInputShape() {
        assertLongs(evalShapeOf("Size", shape(2, 3, 4), NONE), L, Shape.SCALAR, 24);
        assertNull(evalShapeOf("Size", shape(2, -1), NONE));
    }

    @Test
    void nodesWithNonConstantInputsOrNoKernelDoNotEvaluate() {
        Graph g = new Graph();
        Node add = g.addNode("Add", null, List.of(g.addInput("x", F, shape(2)), g.constant("c", f32(1, 2))),
                List.of("y"));
        assertNull(ConstantEvaluator.evaluate(add));
        Node conv = g.addNode("Conv", null, List.of(g.constant("a", f32(1)), g.constant("b", f32(1))), List.of("z"));
        assertNull(ConstantEvaluator.evaluate(conv));
    }

    @Test
    void gather() {
        assertLongs(eval("Gather", NONE, i64(5, 6, 7), scalar(-1)), L, Shape.SCALAR, 7);
        Tensor data = f32(shape(2, 3), 1, 2, 3, 4, 5, 6);
        assertTensor(eval("Gather", n -> n.set("axis", 1), data, i64(2, -3)), F, shape(2, 2), 3, 1, 6, 4);
        assertTensor(eval("Gather", NONE, data, i64(shape(1, 1), 1)), F, shape(1, 1, 3), 4, 5, 6);
        assertThrows(IllegalArgumentException.class, () -> eval("Gather", NONE, data, scalar(2)));
    }

    @Test
    void unsqueezeSqueezeFlattenReshapeIdentity() {
        assertLongs(eval("Unsqueeze", NONE, scalar(4), i64(0)), L, shape(1), 4);
        assertLongs(eval("Unsqueeze", NONE, i64(1, 2), i64(-1, 0)), L, shape(1, 2, 1), 1, 2);
        assertTensor(eval("Squeeze", NONE, f32(shape(1, 2, 1), 7, 8), i64(-1)), F, shape(1, 2), 7, 8);
        assertTensor(eval("Squeeze", NONE, f32(shape(1, 2, 1), 7, 8)), F, shape(2), 7, 8);
        Tensor x = i64(shape(2, 3, 2), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertLongs(eval("Flatten", n -> n.set("axis", 2), x), L, shape(6, 2), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertLongs(eval("Reshape", NONE, x, i64(0, -1)), L, shape(2, 6), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertLongs(eval("Reshape", NONE, x, i64(-1, 4)), L, shape(3, 4), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertLongs(eval("Identity", NONE, i64(3, 1)), L, shape(2), 3, 1);
    }

    @Test
    void reshapeAllowZeroMakesAnEmptyDim() {
        Tensor empty = i64(shape(0, 3));
        assertLongs(eval("Reshape", n -> n.set("allowzero", 1), empty, i64(3, 0)), L, shape(3, 0));
    }

    @Test
    void concatAlongAnyAxis() {
        assertLongs(eval("Concat", NONE, i64(1, 2), i64(3), i64(4, 5)), L, shape(5), 1, 2, 3, 4, 5);
        Tensor a = f32(shape(2, 1), 1, 2);
        Tensor b = f32(shape(2, 2), 3, 4, 5, 6);
        assertTensor(eval("Concat", n -> n.set("axis", -1), a, b), F, shape(2, 3), 1, 3, 4, 2, 5, 6);
    }

    @Test
    void sliceWithNegativeIndicesStepsAndClamping() {
        Tensor x = i64(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertLongs(eval("Slice", NONE, x, i64(-3), i64(Long.MAX_VALUE)), L, shape(3), 7, 8, 9);
        assertLongs(eval("Slice", NONE, x, i64(-1), i64(Long.MIN_VALUE), i64(0), i64(-3)), L, shape(4), 9, 6, 3, 0);
        assertLongs(eval("Slice", NONE, x, i64(20), i64(-20), null, i64(-4)), L, shape(3), 9, 5, 1);
        assertLongs(eval("Slice", NONE, x, i64(5), i64(2)), L, shape(0));
        Tensor m = i64(shape(2, 4), 0, 1, 2, 3, 4, 5, 6, 7);
        assertLongs(eval("Slice", NONE, m, i64(1), i64(100), i64(-1), i64(2)), L, shape(2, 2), 1, 3, 5, 7);
    }

    @Test
    void castConvertsLikeOnnx() {
        assertLongs(eval("Cast", n -> n.set("to", 7), f32(1.7f, -1.7f, 0)), L, shape(3), 1, -1, 0);
        assertTensor(eval("Cast", n -> n.set("to", 1), i64(3, -2)), F, shape(2), 3, -2);
        assertLongs(eval("Cast", n -> n.set("to", 9), f32(0.5f, 0, -2)), B, shape(3), 1, 0, 1);
        assertLongs(eval("Cast", n -> n.set("to", 6), i64(1L << 32 | 5)), DType.INT32, shape(1), 5);
        assertTensor(eval("Cast", n -> n.set("to", 11), f32(0.1f)), DType.FLOAT64, shape(1), 0.1f);
        assertTensor(eval("Cast", n -> n.set("to", 10), f32(0.1f)), DType.FLOAT16, shape(1),
                Half.toFloat(Half.fromFloat(0.1f)));
        assertLongs(eval("Cast", n -> n.set("to", 7), i64(Long.MAX_VALUE)), L, shape(1), Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> eval("Cast", n -> n.set("to", 8), i64(1)));
    }

    @Test
    void constantOfShape() {
        assertLongs(eval("ConstantOfShape", n -> n.set("value", i64(7)), i64(2, 2)), L, shape(2, 2), 7, 7, 7, 7);
        assertTensor(eval("ConstantOfShape", NONE, i64(3)), F, shape(3), 0, 0, 0);
        assertTensor(eval("ConstantOfShape", NONE, i64()), F, Shape.SCALAR, 0);
    }

    @Test
    void expandBroadcastsBothWays() {
        Tensor x = f32(shape(3, 1), 1, 2, 3);
        assertTensor(eval("Expand", NONE, x, i64(2, 1, 2)), F, shape(2, 3, 2), 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
        assertTensor(eval("Expand", NONE, x, i64(1)), F, shape(3, 1), 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> eval("Expand", NONE, x, i64(-1, 1)));
    }

    @Test
    void range() {
        assertLongs(eval("Range", NONE, scalar(1), scalar(10), scalar(3)), L, shape(3), 1, 4, 7);
        assertLongs(eval("Range", NONE, scalar(5), scalar(0), scalar(-2)), L, shape(3), 5, 3, 1);
        assertLongs(eval("Range", NONE, scalar(5), scalar(5), scalar(1)), L, shape(0));
        Tensor f = f32(Shape.SCALAR, 0);
        assertTensor(eval("Range", NONE, f, f32(Shape.SCALAR, 1), f32(Shape.SCALAR, 0.25f)), F, shape(4),
                0, 0.25, 0.5, 0.75);
    }

    @Test
    void comparisonsAndLogicGiveBool() {
        Tensor a = i64(shape(2, 2), 1, 2, 3, 4);
        Tensor b = i64(2, 3);
        assertLongs(eval("Equal", NONE, a, b), B, shape(2, 2), 0, 0, 0, 0);
        assertLongs(eval("Equal", NONE, a, scalar(3)), B, shape(2, 2), 0, 0, 1, 0);
        assertLongs(eval("Less", NONE, a, b), B, shape(2, 2), 1, 1, 0, 0);
        assertLongs(eval("LessOrEqual", NONE, a, b), B, shape(2, 2), 1, 1, 0, 0);
        assertLongs(eval("Greater", NONE, f32(1.5f, -1), f32(1)), B, shape(2), 1, 0);
        assertLongs(eval("GreaterOrEqual", NONE, a, b), B, shape(2, 2), 0, 0, 1, 1);
        Tensor p = typed(B, shape(4), 0, 0, 1, 1);
        Tensor q = typed(B, shape(4), 0, 1, 0, 1);
        assertLongs(eval("And", NONE, p, q), B, shape(4), 0, 0, 0, 1);
        assertLongs(eval("Or", NONE, p, q), B, shape(4), 0, 1, 1, 1);
        assertLongs(eval("Xor", NONE, p, q), B, shape(4), 0, 1, 1, 0);
        assertLongs(eval("Not", NONE, p), B, shape(4), 1, 1, 0, 0);
    }

    @Test
    void whereBroadcastsItsThreeInputs() {
        Tensor cond = typed(B, shape(2, 1), 1, 0);
        Tensor x = i64(1, 2, 3);
        Tensor y = scalar(-1);
        assertLongs(eval("Where", NONE, cond, x, y), L, shape(2, 3), 1, 2, 3, -1, -1, -1);
    }

    @Test
    void arithmeticIsExactOnIntegersAndTruncatesDivision() {
        Tensor a = i64(-7, 7, 9_007_199_254_740_993L);
        assertLongs(eval("Add", NONE, a, scalar(1)), L, shape(3), -6, 8, 9_007_199_254_740_994L);
        assertLongs(eval("Sub", NONE, a, scalar(1)), L, shape(3), -8, 6, 9_007_199_254_740_992L);
        assertLongs(eval("Mul", NONE, a, scalar(2)), L, shape(3), -14, 14, 18_014_398_509_481_986L);
        assertLongs(eval("Div", NONE, a, scalar(2)), L, shape(3), -3, 3, 4_503_599_627_370_496L);
        assertTensor(eval("Div", NONE, f32(-7), f32(2)), F, shape(1), -3.5);
        assertTensor(eval("Add", NONE, f32(shape(2, 1), 1, 2), f32(10, 20)), F, shape(2, 2), 11, 21, 12, 22);
        assertThrows(ArithmeticException.class, () -> eval("Div", NONE, i64(1), scalar(0)));
    }

    @Test
    void modFollowsTheDivisorUnlessFmod() {
        assertLongs(eval("Mod", NONE, i64(-7, 7), scalar(3)), L, shape(2), 2, 1);
        assertLongs(eval("Mod", NONE, i64(-7, 7), scalar(-3)), L, shape(2), -1, -2);
        assertLongs(eval("Mod", n -> n.set("fmod", 1), i64(-7, 7), scalar(3)), L, shape(2), -1, 1);
        assertTensor(eval("Mod", n -> n.set("fmod", 1), f32(-7.5f), f32(2)), F, shape(1), -1.5);
        assertTensor(eval("Mod", NONE, f32(-7.5f), f32(2)), F, shape(1), 0.5);
    }

    @Test
    void powTakesTheBaseType() {
        assertTensor(eval("Pow", NONE, f32(2, 3), f32(2)), F, shape(2), 4, 9);
        assertLongs(eval("Pow", NONE, i64(2, 3), f32(3)), L, shape(2), 8, 27);
    }

    @Test
    void variadicMinMaxSum() {
        assertLongs(eval("Min", NONE, i64(1, 5), i64(3, 2), scalar(4)), L, shape(2), 1, 2);
        assertLongs(eval("Max", NONE, i64(1, 5), i64(3, 2), scalar(4)), L, shape(2), 4, 5);
        assertTensor(eval("Max", NONE, f32(-1.5f)), F, shape(1), -1.5);
        assertLongs(eval("Sum", NONE, i64(1, 5), i64(3, 2), scalar(4)), L, shape(2), 8, 11);
    }

    @Test
    void unaryMath() {
        assertLongs(eval("Neg", NONE, i64(3, -4)), L, shape(2), -3, 4);
        assertLongs(eval("Abs", NONE, i64(3, -4)), L, shape(2), 3, 4);
        assertTensor(eval("Abs", NONE, f32(-2.5f)), F, shape(1), 2.5);
        assertTensor(eval("Sqrt", NONE, f32(16, 2)), F, shape(2), 4, (float) Math.sqrt(2));
        assertTensor(eval("Reciprocal", NONE, f32(4, -0.5f)), F, shape(2), 0.25, -2);
        assertTensor(eval("Floor", NONE, f32(1.5f, -1.5f)), F, shape(2), 1, -2);
        assertTensor(eval("Ceil", NONE, f32(1.5f, -1.5f)), F, shape(2), 2, -1);
        assertLongs(eval("Floor", NONE, i64(-3)), L, shape(1), -3);
        assertLongs(eval("Relu", NONE, i64(-3, 3)), L, shape(2), 0, 3);
        assertTensor(eval("Relu", NONE, f32(-1, 2)), F, shape(2), 0, 2);
        assertTensor(eval("Sigmoid", NONE, f32(0, 2)), F, shape(2), 0.5, 0.8807970779778823f);
        assertTensor(eval("Exp", NONE, f32(0, 1)), F, shape(2), 1, 2.718281828459045f);
        assertTensor(eval("Log", NONE, f32(1, 2)), F, shape(2), 0, 0.6931471805599453f);
        assertTensor(eval("Tanh", NONE, f32(0, 1)), F, shape(2), 0, 0.7615941559557649f);
        assertTensor(eval("Sin", NONE, f32(0, 1)), F, shape(2), 0, 0.8414709848078965f);
        assertTensor(eval("Cos", NONE, f32(0, 1)), F, shape(2), 1, 0.5403023058681398f);
        assertTensor(eval("Erf", NONE, f32(0, 1, -0.5f)), F, shape(3), 0, 0.8427007929497149f,
                -0.5204998778130465f);
    }

    @Test
    void erfIsAccurateAcrossItsRange() {
        double[][] cases = {
            {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.5, 0.9661051464753108},
            {2, 0.9953222650189527}, {2.4, 0.999311486103355}, {2.5, 0.999593047982555},
            {2.6, 0.9997639655834707}, {3, 0.9999779095030014}, {4, 0.9999999845827421},
            {5, 0.9999999999984626}, {-0.7, -0.6778011938374184}, {7, 1}};
        for (double[] c : cases) {
            assertEquals(c[1], SpecialFunctions.erf(c[0]), 1e-14, "erf(" + c[0] + ")");
        }
    }

    @Test
    void reductions() {
        Tensor x = i64(shape(2, 3), 1, 2, 3, 4, 5, 6);
        assertLongs(eval("ReduceSum", n -> n.set("keepdims", 0), x, i64(1)), L, shape(2), 6, 15);
        assertLongs(eval("ReduceSum", NONE, x, i64(-2)), L, shape(1, 3), 5, 7, 9);
        assertLongs(eval("ReduceProd", NONE, x), L, shape(1, 1), 720);
        assertLongs(eval("ReduceProd", n -> n.set("keepdims", 0), x, i64()), L, Shape.SCALAR, 720);
        assertLongs(eval("ReduceMax", NONE, x, i64(0)), L, shape(1, 3), 4, 5, 6);
        assertLongs(eval("ReduceMin", n -> n.set("keepdims", 0), x, i64(1)), L, shape(2), 1, 4);
        assertLongs(eval("ReduceMean", NONE, x, i64(1)), L, shape(2, 1), 2, 5);
        assertTensor(eval("ReduceMean", NONE, f32(shape(2, 2), 1, 2, 3, 5), i64(0, 1)), F, shape(1, 1), 2.75);
        assertLongs(eval("ReduceSum", n -> n.set("noop_with_empty_axes", 1), x), L, shape(2, 3), 1, 2, 3, 4, 5, 6);
    }

    @Test
    void tile() {
        assertLongs(eval("Tile", NONE, i64(shape(1, 2), 1, 2), i64(2, 2)), L, shape(2, 4), 1, 2, 1, 2, 1, 2, 1, 2);
    }

    @Test
    void transpose() {
        assertLongs(eval("Transpose", NONE, i64(shape(2, 3), 1, 2, 3, 4, 5, 6)), L, shape(3, 2), 1, 4, 2, 5, 3, 6);
        Tensor x = i64(shape(2, 1, 3), 1, 2, 3, 4, 5, 6);
        assertLongs(eval("Transpose", n -> n.set("perm", new long[] {2, 0, 1}), x), L, shape(3, 2, 1),
                1, 4, 2, 5, 3, 6);
    }

    @Test
    void nonZeroListsCoordinatesRowMajor() {
        assertLongs(eval("NonZero", NONE, f32(shape(2, 2), 1, 0, 0, 3)), L, shape(2, 2), 0, 1, 0, 1);
        assertLongs(eval("NonZero", NONE, i64(0, 4, 5)), L, shape(1, 2), 1, 2);
    }

    @Test
    void scatterNdReplacesIndexedElementsAndSlices() {
        Tensor data = i64(1, 2, 3, 4, 5, 6, 7, 8);
        Tensor idx = i64(shape(4, 1), 4, 3, 1, 7);
        assertLongs(eval("ScatterND", NONE, data, idx, i64(9, 10, 11, 12)), L, shape(8), 1, 11, 3, 10, 9, 6, 7, 12);
        Tensor m = f32(shape(3, 2), 1, 2, 3, 4, 5, 6);
        assertTensor(eval("ScatterND", NONE, m, i64(shape(1, 1), -1), f32(shape(1, 2), 8, 9)), F, shape(3, 2),
                1, 2, 3, 4, 8, 9);
    }

    @Test
    void scatterNdWithReductionIsNotFolded() {
        Graph g = new Graph();
        Node n = g.addNode("ScatterND", null, List.of(g.constant("d", i64(1)), g.constant("i", i64(shape(1, 1), 0)),
                g.constant("u", i64(2))), List.of("y"));
        n.set("reduction", "add");
        assertNull(ConstantEvaluator.evaluate(n));
    }

    @Test
    void float16ArithmeticRoundsToHalf() {
        Tensor h = typed(DType.FLOAT16, shape(1), 1);
        Tensor out = eval("Div", NONE, h, typed(DType.FLOAT16, shape(1), 3));
        assertTensor(out, DType.FLOAT16, shape(1), Half.toFloat(Half.fromFloat(1f / 3)));
    }
}

package dev.pnnxj.passes.shape;

import static dev.pnnxj.passes.shape.ShapeRule.set;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The one table of IR op type → shape rule. Ops missing here leave their outputs' shapes alone. */
public final class ShapeRules {
    private static final Map<String, ShapeRule> TABLE = new TreeMap<>();

    /** Ops whose output 0 has the type and shape of input 0. */
    static final List<String> SAME_AS_INPUT = List.of(
            "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "BatchNormalization", "Celu", "Ceil", "Clip",
            "Cos", "Cosh", "CumSum", "Elu",
            "Erf", "Exp", "Expm1", "Floor", "Gelu", "GroupNormalization", "HardSigmoid", "HardSwish", "Hardmax",
            "Identity", "InstanceNormalization", "LRN", "LeakyRelu", "Log", "Log1p", "LogSoftmax",
            "MeanVarianceNormalization", "Mish", "Neg", "Not", "PRelu", "RMSNormalization", "Reciprocal", "Relu",
            "Round", "ScatterElements", "ScatterND", "Selu", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Softmax", "Softplus",
            "Softsign", "Sqrt", "Swish", "Tan", "Tanh",
            "ThresholdedRelu");

    /** Broadcasting ops whose output has input 0's type. */
    static final List<String> BROADCAST_ARITHMETIC = List.of(
            "Add", "Div", "Max", "Mean", "Min", "Mod", "Mul", "Pow", "Sub", "Sum");

    /** Broadcasting ops whose output is bool. */
    static final List<String> BROADCAST_LOGIC = List.of(
            "And", "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "Or", "Xor");

    static final List<String> REDUCTIONS = List.of(
            "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin",
            "ReduceProd", "ReduceSum", "ReduceSumSquare");

    static {
        for (String op : SAME_AS_INPUT) {
            register(op, n -> set(n, 0, n.input(0).dtype(), n.input(0).shape()));
        }
        for (String op : BROADCAST_ARITHMETIC) {
            register(op, n -> set(n, 0, n.input(0).dtype(), broadcast(n.inputs())));
        }
        for (String op : BROADCAST_LOGIC) {
            register(op, n -> set(n, 0, DType.BOOL, broadcast(n.inputs())));
        }
        for (String op : REDUCTIONS) {
            register(op, TensorRules::reduce);
        }
        register("Where", n -> set(n, 0, n.input(1).dtype(), broadcast(n.inputs())));
        register("Dropout", n -> {
            set(n, 0, n.input(0).dtype(), n.input(0).shape());
            set(n, 1, DType.BOOL, n.input(0).shape());
        });
        register("Cast", n -> set(n, 0, castType(n), n.input(0).shape()));

        register("Conv", NeuralRules::conv);
        register("ConvTranspose", NeuralRules::convTranspose);
        register("MaxPool", NeuralRules::pool);
        register("AveragePool", NeuralRules::pool);
        register("LpPool", NeuralRules::pool);
        register("GlobalAveragePool", NeuralRules::globalPool);
        register("GlobalMaxPool", NeuralRules::globalPool);
        register("GlobalLpPool", NeuralRules::globalPool);
        register("AdaptiveAveragePool", NeuralRules::adaptivePool);
        register("AdaptiveMaxPool", NeuralRules::adaptivePool);
        register("Gemm", NeuralRules::gemm);
        register("MatMul", NeuralRules::matMul);
        register("LayerNormalization", NeuralRules::layerNorm);
        register("GridSample", NeuralRules::gridSample);
        register("LSTM", NeuralRules::recurrent);
        register("GRU", NeuralRules::recurrent);
        register("RNN", NeuralRules::recurrent);
        register("BatchFirstLSTM", NeuralRules::batchFirstRecurrent);
        register("BatchFirstGRU", NeuralRules::batchFirstRecurrent);
        register("BatchFirstRNN", NeuralRules::batchFirstRecurrent);

        register("ArgMax", TensorRules::argReduce);
        register("ArgMin", TensorRules::argReduce);
        register("Concat", TensorRules::concat);
        register("ConstantOfShape", TensorRules::constantOfShape);
        register("DepthToSpace", TensorRules::depthToSpace);
        register("Einsum", TensorRules::einsum);
        register("Expand", TensorRules::expand);
        register("Flatten", TensorRules::flatten);
        register("Gather", TensorRules::gather);
        register("GatherElements", TensorRules::gatherElements);
        register("NonZero", TensorRules::nonZero);
        register("Pad", TensorRules::pad);
        register("Range", TensorRules::range);
        register("Reshape", TensorRules::reshape);
        register("Resize", TensorRules::resize);
        register("Shape", TensorRules::shape);
        register("Size", TensorRules::size);
        register("Slice", TensorRules::slice);
        register("SpaceToDepth", TensorRules::spaceToDepth);
        register("Split", TensorRules::split);
        register("Squeeze", TensorRules::squeeze);
        register("Tile", TensorRules::tile);
        register("TopK", TensorRules::topK);
        register("Transpose", TensorRules::transpose);
        register("Unsqueeze", TensorRules::unsqueeze);
    }

    private ShapeRules() {
    }

    /** Every op type with a shape rule. */
    public static Set<String> ops() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    /** The rule for an op type, or null. */
    public static ShapeRule get(String op) {
        return TABLE.get(op);
    }

    private static void register(String op, ShapeRule rule) {
        if (TABLE.put(op, rule) != null) {
            throw new IllegalStateException("two shape rules for " + op);
        }
    }

    private static Shape broadcast(List<Value> inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (Value v : inputs) {
            if (v != null) {
                shapes.add(v.shape());
            }
        }
        return Broadcast.shape(shapes);
    }

    /** Cast's target type; unknown ONNX types are an error the user must hear about. */
    public static DType castType(Node n) {
        long to = n.getInt("to", 0);
        DType t = DType.fromOnnx(to);
        if (t == null) {
            throw new IllegalArgumentException("Cast to unsupported ONNX data type " + to);
        }
        return t;
    }
}

package dev.pnnxj.passes.shape;

import static dev.pnnxj.passes.TestTensors.f32;
import static dev.pnnxj.passes.TestTensors.i64;
import static dev.pnnxj.passes.TestTensors.scalar;
import static dev.pnnxj.passes.TestTensors.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.FoldConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ShapeRulesTest {
    private static final Consumer<Node> NONE = n -> {
    };
    private static final int U = Shape.UNKNOWN;

    /**
     * Runs FoldConstants over one node with {@code outputs} outputs. Each input is a Shape (a
     * float32 graph input), a Tensor (a constant) or null (omitted).
     */
    private static List<Value> inferN(int outputs, String op, Consumer<Node> attrs, Object... inputs) {
        Graph g = new Graph();
        List<Value> in = new ArrayList<>();
        for (Object o : inputs) {
            in.add(o == null ? null
                    : o instanceof Shape s ? g.addInput("x", DType.FLOAT32, s) : g.constant("c", (Tensor) o));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add("y");
        }
        Node n = g.addNode(op, null, in, names);
        attrs.accept(n);
        new FoldConstants().run(g);
        return n.outputs();
    }

    private static Value infer(String op, Consumer<Node> attrs, Object... inputs) {
        return inferN(1, op, attrs, inputs).get(0);
    }

    private static Shape shapeOf(String op, Consumer<Node> attrs, Object... inputs) {
        return infer(op, attrs, inputs).shape();
    }

    @Test
    void conv2dWithStridesPadsDilationsAndGroups() {
        Shape w = shape(64, 3, 7, 7);
        assertEquals(shape(1, 64, 112, 112), shapeOf("Conv",
                n -> n.set("strides", new long[] {2, 2}).set("pads", new long[] {3, 3, 3, 3}), shape(1, 3, 224, 224), w));
        assertEquals(shape(U, 64, 218, 212), shapeOf("Conv",
                n -> n.set("dilations", new long[] {1, 2}), shape(U, 3, 224, 224), w));
        assertEquals(shape(1, 32, 10, 10), shapeOf("Conv", n -> n.set("group", 4), shape(1, 8, 12, 12),
                shape(32, 2, 3, 3)));
        assertEquals(shape(1, 4, U, 7), shapeOf("Conv", NONE, shape(1, 2, U, 9), shape(4, 2, 3, 3)));
    }

    @Test
    void convAutoPadAndOtherSpatialRanks() {
        Shape w = shape(8, 3, 3, 3);
        assertEquals(shape(1, 8, 113, 113), shapeOf("Conv",
                n -> n.set("auto_pad", "SAME_UPPER").set("strides", new long[] {2, 2}), shape(1, 3, 225, 225), w));
        assertEquals(shape(1, 8, 113, 113), shapeOf("Conv",
                n -> n.set("auto_pad", "SAME_LOWER").set("strides", new long[] {2, 2}), shape(1, 3, 225, 225), w));
        assertEquals(shape(1, 8, 112, 112), shapeOf("Conv",
                n -> n.set("auto_pad", "VALID").set("strides", new long[] {2, 2}), shape(1, 3, 225, 225), w));
        assertEquals(shape(2, 16, 48), shapeOf("Conv", NONE, shape(2, 4, 50), shape(16, 4, 3)));
        assertEquals(shape(1, 4, 3, 5, 9), shapeOf("Conv", n -> n.set("pads", new long[] {0, 1, 2, 0, 1, 2}),
                shape(1, 2, 5, 5, 5), shape(4, 2, 3, 3, 1)));
        assertEquals(shape(1, 4, 4, 4), shapeOf("Conv", n -> n.set("kernel_shape", new long[] {3, 3}),
                shape(1, 2, 6, 6), shape(4, 2, 3, 3)));
    }

    @Test
    void convTranspose() {
        Shape w = shape(16, 8, 4, 4);
        assertEquals(shape(1, 16, 16, 16), shapeOf("ConvTranspose", n -> n.set("group", 2)
                .set("strides", new long[] {2, 2}).set("pads", new long[] {1, 1, 1, 1}), shape(1, 16, 8, 8), w));
        assertEquals(shape(1, 8, 19, 18), shapeOf("ConvTranspose", n -> n.set("strides", new long[] {2, 2})
                .set("output_padding", new long[] {1, 0}), shape(1, 16, 8, 8), w));
        assertEquals(shape(1, 8, 16, 16), shapeOf("ConvTranspose", n -> n.set("strides", new long[] {2, 2})
                .set("auto_pad", "SAME_UPPER"), shape(1, 16, 8, 8), w));
        assertEquals(shape(1, 8, 20, 21), shapeOf("ConvTranspose", n -> n.set("strides", new long[] {2, 2})
                .set("output_shape", new long[] {20, 21}), shape(1, 16, 8, 8), w));
        assertEquals(shape(1, 8, 20, 21), shapeOf("ConvTranspose", n -> n.set("strides", new long[] {2, 2})
                .set("output_shape", new long[] {1, 8, 20, 21}), shape(1, 16, 8, 8), w));
        assertEquals(shape(1, 8, 20), shapeOf("ConvTranspose", n -> n.set("dilations", new long[] {2})
                .set("strides", new long[] {3}), shape(1, 16, 6), shape(16, 8, 3)));
    }

    @Test
    void poolingWithCeilModeDropsAWindowStartingInThePadding() {
        Consumer<Node> k3s2 = n -> n.set("kernel_shape", new long[] {3, 3}).set("strides", new long[] {2, 2});
        assertEquals(shape(1, 64, 55, 55), shapeOf("MaxPool", k3s2, shape(1, 64, 112, 112)));
        assertEquals(shape(1, 64, 56, 56), shapeOf("MaxPool", k3s2.andThen(n -> n.set("ceil_mode", 1)),
                shape(1, 64, 112, 112)));
        // length 5, kernel 2, stride 2, pads 1: ceil gives 4 windows, the 4th would start in the end pad
        Consumer<Node> k2p1 = n -> n.set("kernel_shape", new long[] {2}).set("strides", new long[] {2})
                .set("pads", new long[] {1, 1}).set("ceil_mode", 1);
        assertEquals(shape(1, 1, 3), shapeOf("AveragePool", k2p1, shape(1, 1, 5)));
        assertEquals(shape(1, 1, 4), shapeOf("AveragePool", k2p1, shape(1, 1, 6)));
        assertEquals(shape(1, 3, 4, 4), shapeOf("MaxPool", k3s2.andThen(n -> n.set("auto_pad", "SAME_UPPER")),
                shape(1, 3, 7, 8)));
        assertEquals(shape(1, 3, 3), shapeOf("LpPool", n -> n.set("kernel_shape", new long[] {3})
                .set("dilations", new long[] {2}), shape(1, 3, 7)));
    }

    @Test
    void maxPoolIndicesAreInt64() {
        List<Value> out = inferN(2, "MaxPool", n -> n.set("kernel_shape", new long[] {2, 2}), shape(1, 2, 4, 4));
        assertEquals(shape(1, 2, 3, 3), out.get(1).shape());
        assertEquals(DType.INT64, out.get(1).dtype());
        assertEquals(DType.FLOAT32, out.get(0).dtype());
    }

    @Test
    void globalPools() {
        assertEquals(shape(2, 8, 1, 1), shapeOf("GlobalAveragePool", NONE, shape(2, 8, 7, 7)));
        assertEquals(shape(2, 8, 1), shapeOf("GlobalMaxPool", NONE, shape(2, 8, 7)));
    }

    @Test
    void gemmTransposes() {
        assertEquals(shape(2, 5), shapeOf("Gemm", NONE, shape(2, 3), shape(3, 5), shape(5)));
        assertEquals(shape(2, 5), shapeOf("Gemm", n -> n.set("transA", 1).set("transB", 1), shape(3, 2),
                shape(5, 3)));
    }

    @Test
    void matMulBroadcastsBatchesAndHandles1D() {
        assertEquals(shape(2, 4), shapeOf("MatMul", NONE, shape(2, 3), shape(3, 4)));
        assertEquals(shape(4), shapeOf("MatMul", NONE, shape(3), shape(3, 4)));
        assertEquals(shape(2), shapeOf("MatMul", NONE, shape(2, 3), shape(3)));
        assertEquals(Shape.SCALAR, shapeOf("MatMul", NONE, shape(3), shape(3)));
        assertEquals(shape(5, 4, 2, 6), shapeOf("MatMul", NONE, shape(5, 1, 2, 3), shape(4, 3, 6)));
        assertEquals(shape(7, 6), shapeOf("MatMul", NONE, shape(3), shape(7, 3, 6)));
        assertEquals(shape(U, 8, 16), shapeOf("MatMul", NONE, shape(U, 8, 32), shape(32, 16)));
        assertThrows(ConversionException.class, () -> shapeOf("MatMul", NONE, shape(2, 3), shape(4, 5)));
    }

    @Test
    void everyUnaryOpKeepsItsInputShapeAndType() {
        for (String op : ShapeRules.SAME_AS_INPUT) {
            Value y = infer(op, NONE, shape(2, U, 4));
            assertEquals(shape(2, U, 4), y.shape(), op);
            assertEquals(DType.FLOAT32, y.dtype(), op);
        }
    }

    @Test
    void castDropoutAndLayerNormOutputs() {
        Value c = infer("Cast", n -> n.set("to", 7), shape(2, 3));
        assertEquals(DType.INT64, c.dtype());
        assertEquals(shape(2, 3), c.shape());
        List<Value> d = inferN(2, "Dropout", NONE, shape(2, 3));
        assertEquals(shape(2, 3), d.get(0).shape());
        assertEquals(DType.BOOL, d.get(1).dtype());
        List<Value> ln = inferN(3, "LayerNormalization", n -> n.set("axis", -2), shape(2, 3, 4), f32(1), f32(1));
        assertEquals(shape(2, 3, 4), ln.get(0).shape());
        assertEquals(shape(2, 1, 1), ln.get(1).shape());
        assertEquals(shape(2, 1, 1), ln.get(2).shape());
    }

    @Test
    void broadcastingBinaryOpsAndComparisons() {
        assertEquals(shape(2, 3, 4), shapeOf("Add", NONE, shape(3, 1), shape(2, 1, 4)));
        assertEquals(shape(U, 3, 4), shapeOf("Mul", NONE, shape(U, 3, 1), shape(1, 4)));
        assertEquals(shape(5, 3), shapeOf("Sub", NONE, shape(U, 3), shape(5, 1)));
        assertEquals(shape(2, 3), shapeOf("Max", NONE, shape(2, 1), shape(3), shape(1, 1)));
        Value eq = infer("Equal", NONE, shape(2, 3), shape(3));
        assertEquals(DType.BOOL, eq.dtype());
        assertEquals(shape(2, 3), eq.shape());
        for (String op : ShapeRules.BROADCAST_LOGIC) {
            assertEquals(DType.BOOL, infer(op, NONE, shape(2), shape(2)).dtype(), op);
        }
        for (String op : ShapeRules.BROADCAST_ARITHMETIC) {
            assertEquals(shape(4, 2), shapeOf(op, NONE, shape(4, 1), shape(2)), op);
        }
        assertThrows(ConversionException.class, () -> shapeOf("Add", NONE, shape(2, 3), shape(4)));
    }

    @Test
    void whereTakesTheTypeOfItsValues() {
        Graph g = new Graph();
        Node n = g.addNode("Where", null, List.of(g.addInput("c", DType.BOOL, shape(2, 1)),
                g.addInput("x", DType.INT64, shape(3)), g.addInput("y", DType.INT64, Shape.SCALAR)), List.of("z"));
        new FoldConstants().run(g);
        assertEquals(DType.INT64, n.output(0).dtype());
        assertEquals(shape(2, 3), n.output(0).shape());
    }

    @Test
    void flattenReshapeTranspose() {
        assertEquals(shape(6, 20), shapeOf("Flatten", n -> n.set("axis", 2), shape(2, 3, 4, 5)));
        assertEquals(shape(1, 120), shapeOf("Flatten", n -> n.set("axis", 0), shape(2, 3, 4, 5)));
        assertEquals(shape(U, 60), shapeOf("Flatten", NONE, shape(U, 3, 4, 5)));
        assertEquals(shape(2, 12), shapeOf("Reshape", NONE, shape(2, 3, 4), i64(0, -1)));
        assertEquals(shape(U, 12), shapeOf("Reshape", NONE, shape(U, 3, 4), i64(0, -1)));
        assertEquals(shape(U, 2, 6), shapeOf("Reshape", NONE, shape(U, 12), i64(-1, 2, 6)));
        assertEquals(shape(4, 0), shapeOf("Reshape", n -> n.set("allowzero", 1), shape(0, 4), i64(4, 0)));
        assertEquals(shape(U, U, U), shapeOf("Reshape", NONE, shape(2, 3, 4), shape(3)));
        assertThrows(ConversionException.class, () -> shapeOf("Reshape", NONE, shape(2, 3, 4), i64(5, -1)));
        assertEquals(shape(4, 3, 2), shapeOf("Transpose", NONE, shape(2, 3, 4)));
        assertEquals(shape(2, 4, 3), shapeOf("Transpose", n -> n.set("perm", new long[] {0, 2, 1}),
                shape(2, 3, 4)));
    }

    @Test
    void concatSumsTheAxisAndFillsUnknownDims() {
        assertEquals(shape(2, 7, 4), shapeOf("Concat", n -> n.set("axis", 1), shape(2, 3, 4), shape(U, 4, 4)));
        assertEquals(shape(2, U), shapeOf("Concat", n -> n.set("axis", -1), shape(2, 3), shape(2, U)));
    }

    @Test
    void reductionsAndArgReductions() {
        assertEquals(shape(2, 1, 4), shapeOf("ReduceMean", NONE, shape(2, 3, 4), i64(1)));
        assertEquals(shape(3), shapeOf("ReduceSum", n -> n.set("keepdims", 0), shape(2, 3, 4), i64(0, -1)));
        assertEquals(shape(1, 1, 1), shapeOf("ReduceMax", NONE, shape(2, 3, 4)));
        assertEquals(shape(2, 3, 4), shapeOf("ReduceL2", n -> n.set("noop_with_empty_axes", 1), shape(2, 3, 4)));
        assertNull(shapeOf("ReduceSum", NONE, shape(2, 3), shape(1)));
        Value am = infer("ArgMax", n -> n.set("axis", -1).set("keepdims", 0), shape(2, 3, 4));
        assertEquals(shape(2, 3), am.shape());
        assertEquals(DType.INT64, am.dtype());
        assertEquals(shape(1, 3, 4), shapeOf("ArgMin", NONE, shape(2, 3, 4)));
    }

    @Test
    void padWithNegativePadsAndAxes() {
        assertEquals(shape(1, 3, 7, 5), shapeOf("Pad", NONE, shape(1, 3, 4, 6), i64(0, 0, 1, 0, 0, 0, 2, -1)));
        assertEquals(shape(1, 3, 4, 9), shapeOf("Pad", NONE, shape(1, 3, 4, 6), i64(1, 2), null, i64(-1)));
    }

    @Test
    void resizeByScalesOrSizes() {
        assertEquals(shape(1, 3, 30, 46), shapeOf("Resize", NONE, shape(1, 3, 15, 15), null,
                f32(1, 1, 2, 3.1f)));
        assertEquals(shape(1, 3, 7, 9), shapeOf("Resize", NONE, shape(1, 3, 15, 15), null, f32(), i64(1, 3, 7, 9)));
        assertEquals(shape(1, 3, 7, 9), shapeOf("Resize", n -> n.set("axes", new long[] {2, 3}),
                shape(1, 3, 15, 15), null, null, i64(7, 9)));
        assertNull(shapeOf("Resize", n -> n.set("keep_aspect_ratio_policy", "not_larger"), shape(1, 3, 15, 15),
                null, null, i64(1, 3, 7, 9)));
    }

    @Test
    void splitBySizesNumOutputsOrEvenly() {
        List<Value> a = inferN(2, "Split", n -> n.set("axis", 1), shape(2, 10), i64(3, 7));
        assertEquals(shape(2, 3), a.get(0).shape());
        assertEquals(shape(2, 7), a.get(1).shape());
        List<Value> b = inferN(3, "Split", n -> n.set("num_outputs", 3), shape(10, 2));
        assertEquals(List.of(shape(4, 2), shape(4, 2), shape(2, 2)), b.stream().map(Value::shape).toList());
        List<Value> c = inferN(2, "Split", n -> n.set("axis", -1), shape(3, 8));
        assertEquals(List.of(shape(3, 4), shape(3, 4)), c.stream().map(Value::shape).toList());
    }

    @Test
    void sliceSqueezeUnsqueeze() {
        assertEquals(shape(2, 3, 2), shapeOf("Slice", NONE, shape(2, 3, 8), i64(1), i64(-1), i64(2), i64(3)));
        assertEquals(shape(U, 3, 8), shapeOf("Slice", NONE, shape(U, 3, 8), i64(1), i64(5), i64(0)));
        assertEquals(shape(3), shapeOf("Squeeze", NONE, shape(1, 3, 1)));
        assertEquals(shape(1, 3), shapeOf("Squeeze", NONE, shape(1, 3, U), i64(2)));
        assertNull(shapeOf("Squeeze", NONE, shape(1, 3, U)));
        assertEquals(shape(1, 3, 1, 4), shapeOf("Unsqueeze", NONE, shape(3, 4), i64(0, -2)));
    }

    @Test
    void expandTileGather() {
        assertEquals(shape(2, 3, 4), shapeOf("Expand", NONE, shape(3, 1), i64(2, 1, 4)));
        assertEquals(shape(6, 4), shapeOf("Tile", NONE, shape(3, 1), i64(2, 4)));
        assertEquals(shape(2, 5, 6, 4), shapeOf("Gather", n -> n.set("axis", 1), shape(2, 3, 4), shape(5, 6)));
        assertEquals(shape(3, 4), shapeOf("Gather", NONE, shape(2, 3, 4), Tensor.ofLongs(Shape.SCALAR, 1)));
        assertEquals(shape(2, 2), shapeOf("GatherElements", n -> n.set("axis", 1), shape(2, 3), shape(2, 2)));
    }

    @Test
    void creationOpsWithoutConstantInputs() {
        Value c = infer("ConstantOfShape", n -> n.set("value", i64(1)), shape(3));
        assertEquals(shape(U, U, U), c.shape());
        assertEquals(DType.INT64, c.dtype());
        assertEquals(shape(U), shapeOf("Range", NONE, Shape.SCALAR, scalar(9), scalar(1)));
        Value s = infer("Shape", n -> n.set("start", 1), shape(U, 3, 4));
        assertEquals(shape(2), s.shape());
        assertTrue(s.isConstant(), "the dims it reads are known, so it folds");
        Value full = infer("Shape", NONE, shape(U, 3, 4));
        assertEquals(shape(3), full.shape());
        assertEquals(DType.INT64, full.dtype());
        assertEquals(Shape.SCALAR, shapeOf("Size", NONE, shape(U, 3)));
        assertEquals(shape(2, U), shapeOf("NonZero", NONE, shape(4, 5)));
    }

    @Test
    void depthAndSpace() {
        assertEquals(shape(1, 2, 6, 8), shapeOf("DepthToSpace", n -> n.set("blocksize", 2), shape(1, 8, 3, 4)));
        assertEquals(shape(1, 32, 3, 4), shapeOf("SpaceToDepth", n -> n.set("blocksize", 2), shape(1, 8, 6, 8)));
    }

    @Test
    void recurrentOutputsFollowLayout() {
        List<Value> lstm = inferN(3, "LSTM", n -> n.set("hidden_size", 20).set("direction", "bidirectional"),
                shape(7, 2, 10), shape(2, 80, 10), shape(2, 80, 20));
        assertEquals(shape(7, 2, 2, 20), lstm.get(0).shape());
        assertEquals(shape(2, 2, 20), lstm.get(1).shape());
        assertEquals(shape(2, 2, 20), lstm.get(2).shape());
        List<Value> gru = inferN(2, "GRU", n -> n.set("layout", 1), shape(2, 7, 10), shape(1, 60, 10),
                shape(1, 60, 20));
        assertEquals(shape(2, 7, 1, 20), gru.get(0).shape());
        assertEquals(shape(2, 1, 20), gru.get(1).shape());
        assertEquals(shape(7, 1, U, 5), shapeOf("RNN", n -> n.set("hidden_size", 5), shape(7, U, 3),
                shape(1, 5, 3), shape(1, 5, 5)));
    }

    @Test
    void topKAndCumSum() {
        List<Value> t = inferN(2, "TopK", NONE, shape(2, 10), i64(3));
        assertEquals(shape(2, 3), t.get(0).shape());
        assertEquals(shape(2, 3), t.get(1).shape());
        assertEquals(DType.INT64, t.get(1).dtype());
        assertEquals(shape(2, 10), shapeOf("CumSum", NONE, shape(2, 10), scalar(1)));
    }

    @Test
    void parametersThatAreNotConstantLeaveTheOutputUnknown() {
        assertNull(shapeOf("Unsqueeze", NONE, shape(3), shape(1)));
        assertNull(shapeOf("Slice", NONE, shape(3), shape(1), i64(2)));
        assertNull(shapeOf("Pad", NONE, shape(3), shape(2)));
    }
}

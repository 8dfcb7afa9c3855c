package dev.pnnxj.frontend.onnx;

import static dev.pnnxj.frontend.onnx.OnnxModels.floatAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.floats;
import static dev.pnnxj.frontend.onnx.OnnxModels.intAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.ints;
import static dev.pnnxj.frontend.onnx.OnnxModels.model;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.oneNode;
import static dev.pnnxj.frontend.onnx.OnnxModels.stringAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsetUpgradeTest {
    @TempDir
    Path dir;

    /** Reads {@code y = op(x, extra...)} at the opset and describes the one node it becomes. */
    private String upgraded(int opset, String op, List<String> extraInputs, AttributeProto... attrs) {
        List<String> inputs = new ArrayList<>(List.of("x"));
        inputs.addAll(extraInputs);
        GraphProto.Builder g = oneNode(node(op, inputs, List.of("y"), attrs));
        // extra inputs are constants: a float32 vector [1, 1, 2, 2]
        for (String name : extraInputs) {
            g.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addDims(4).addFloatData(1).addFloatData(1).addFloatData(2).addFloatData(2));
        }
        Graph graph = OnnxReader.read(write(dir, model(opset, g)));
        assertEquals(1, graph.nodes().size());
        return describe(graph.nodes().get(0));
    }

    private String upgraded(int opset, String op, AttributeProto... attrs) {
        return upgraded(opset, op, List.of(), attrs);
    }

    /** {@code Op(input, ...) {attr=value, ...}}, constants shown as dtype, shape and elements. */
    private static String describe(Node n) {
        String in = n.inputs().stream().map(OpsetUpgradeTest::describe).collect(Collectors.joining(", "));
        String attrs = n.attrs().entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                .collect(Collectors.joining(", "));
        return n.op() + "(" + in + ") {" + attrs + "}";
    }

    private static String describe(Value v) {
        if (v == null) {
            return "-";
        }
        if (!v.isConstant()) {
            return v.name();
        }
        Tensor t = v.constant();
        String values = t.dtype().isFloating() ? Arrays.toString(t.toFloats()) : Arrays.toString(t.toLongs());
        return t.dtype() + t.shape().toString() + values;
    }

    private static String text(Object v) {
        return v instanceof long[] l ? Arrays.toString(l) : String.valueOf(v);
    }

    @Test
    void squeezeAxesAttributeBecomesAnInputBeforeOpset13() {
        assertEquals("Squeeze(x, INT64[2][0, -1]) {}", upgraded(11, "Squeeze", ints("axes", 0, -1)));
        assertEquals("Unsqueeze(x, INT64[1][1]) {}", upgraded(12, "Unsqueeze", ints("axes", 1)));
        assertEquals("Squeeze(x) {}", upgraded(11, "Squeeze"));
        assertEquals("Squeeze(x) {axes=[0]}", upgraded(13, "Squeeze", ints("axes", 0)));
    }

    @Test
    void reduceAxesAttributeBecomesAnInput() {
        assertEquals("ReduceSum(x, INT64[1][1]) {keepdims=0}",
                upgraded(12, "ReduceSum", ints("axes", 1), intAttr("keepdims", 0)));
        assertEquals("ReduceSum(x) {axes=[1]}", upgraded(13, "ReduceSum", ints("axes", 1)));
        for (String op : List.of("ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                "ReduceLogSumExp", "ReduceSumSquare")) {
            assertEquals(op + "(x, INT64[2][2, 3]) {}", upgraded(17, op, ints("axes", 2, 3)));
        }
        assertEquals("ReduceMean(x) {axes=[1]}", upgraded(18, "ReduceMean", ints("axes", 1)));
    }

    @Test
    void splitSizesBecomeAnInput() {
        assertEquals("Split(x, INT64[2][1, 2]) {axis=1}", upgraded(11, "Split", intAttr("axis", 1), ints("split", 1, 2)));
    }

    @Test
    void padAttributesBecomeInputs() {
        assertEquals("Pad(x, INT64[8][0, 0, 1, 1, 0, 0, 1, 1], FLOAT32[][1.5]) {mode=reflect}",
                upgraded(2, "Pad", stringAttr("mode", "reflect"), ints("pads", 0, 0, 1, 1, 0, 0, 1, 1),
                        floatAttr("value", 1.5f)));
        assertEquals("Pad(x, INT64[4][1, 1, 1, 1]) {}", upgraded(1, "Pad", ints("paddings", 1, 1, 1, 1)));
    }

    @Test
    void clipBoundsBecomeInputs() {
        assertEquals("Clip(x, FLOAT32[][0.0], FLOAT32[][6.0]) {}",
                upgraded(6, "Clip", floatAttr("min", 0), floatAttr("max", 6)));
        assertEquals("Clip(x, -, FLOAT32[][6.0]) {}", upgraded(6, "Clip", floatAttr("max", 6)));
    }

    @Test
    void sliceAttributesBecomeInputs() {
        assertEquals("Slice(x, INT64[1][1], INT64[1][3], INT64[1][2]) {}",
                upgraded(9, "Slice", ints("starts", 1), ints("ends", 3), ints("axes", 2)));
        assertEquals("Slice(x, INT64[1][0], INT64[1][-1]) {}", upgraded(9, "Slice", ints("starts", 0), ints("ends", -1)));
    }

    @Test
    void upsampleBecomesAsymmetricResize() {
        String tail = "coordinate_transformation_mode=asymmetric, nearest_mode=floor}";
        assertEquals("Resize(x, -, FLOAT32[4][1.0, 1.0, 2.0, 2.0]) {mode=nearest, " + tail,
                upgraded(9, "Upsample", List.of("scales"), stringAttr("mode", "nearest")));
        assertEquals("Resize(x, -, FLOAT32[4][1.0, 1.0, 2.0, 3.0]) {mode=linear, " + tail,
                upgraded(7, "Upsample", stringAttr("mode", "linear"), floats("scales", 1, 1, 2, 3)));
        assertEquals("Resize(x, -, FLOAT32[4][1.0, 1.0, 2.0, 4.0]) {mode=linear, " + tail,
                upgraded(1, "Upsample", stringAttr("mode", "bilinear"), floatAttr("height_scale", 2),
                        floatAttr("width_scale", 4)));
    }

    @Test
    void resizeOpset10GetsAnEmptyRoiAndAsymmetricCoordinates() {
        assertEquals("Resize(x, -, FLOAT32[4][1.0, 1.0, 2.0, 2.0]) {mode=linear,"
                + " coordinate_transformation_mode=asymmetric, nearest_mode=floor}",
                upgraded(10, "Resize", List.of("scales"), stringAttr("mode", "linear")));
        assertEquals("Resize(x, -, scales) {}", resizeAtOpset11());
    }

    private String resizeAtOpset11() {
        GraphProto.Builder g = oneNode(node("Resize", List.of("x", "", "scales"), List.of("y")))
                .addInput(OnnxModels.valueInfo("scales", TensorProto.DataType.FLOAT_VALUE, 4L));
        return describe(OnnxReader.read(write(dir, model(11, g))).nodes().get(0));
    }

    @Test
    void batchNormSpatialIsDroppedOnlyWhenOne() {
        assertEquals("BatchNormalization(x) {epsilon=0.001}",
                upgraded(7, "BatchNormalization", intAttr("spatial", 1), floatAttr("epsilon", 1e-3f)));
        assertEquals("BatchNormalization(x) {spatial=0}", upgraded(7, "BatchNormalization", intAttr("spatial", 0)));
    }

    @Test
    void dropoutRatioIsDropped() {
        assertEquals("Dropout(x) {}", upgraded(10, "Dropout", floatAttr("ratio", 0.5f)));
    }
}

package dev.pnnxj.frontend.onnx;

import static dev.pnnxj.frontend.onnx.OnnxModels.intAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.pnnxj.cli.Main;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid models are refused with exit code 1, a message naming the node or input, and no output. */
class InvalidModelsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
        System.setOut(oldOut);
    }

    private String refused(ModelProto model) throws IOException {
        err.reset();
        Path file = OnnxModels.write(dir, model);
        assertEquals(1, Main.run(file.toString()), err.toString(StandardCharsets.UTF_8));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("model.onnx"), s.map(p -> p.getFileName().toString()).toList());
        }
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, msg.lines().count(), msg);
        return msg;
    }

    /** Conv 'conv' over x [1,4,8,8] with an all-zero weight of {@code weightDims}. */
    private static ModelProto conv(long group, long... weightDims) {
        long n = 1;
        for (long d : weightDims) {
            n *= d;
        }
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(DataType.FLOAT_VALUE)
                .addAllDims(java.util.Arrays.stream(weightDims).boxed().toList())
                .setRawData(ByteString.copyFrom(new byte[(int) n * 4])).build();
        NodeProto c = node("Conv", List.of("x", "w"), List.of("y"), intAttr("group", group)).toBuilder()
                .setName("conv").build();
        return OnnxModels.model(13, GraphProto.newBuilder().addNode(c).addInitializer(w)
                .addInput(valueInfo("x", DataType.FLOAT_VALUE, 1L, 4L, 8L, 8L))
                .addOutput(valueInfo("y", DataType.FLOAT_VALUE)));
    }

    @Test
    void convWeightsThatDoNotFitTheInputAreRefused() throws IOException {
        String zero = refused(conv(0, 8, 4, 3, 3));
        assertTrue(zero.contains("Conv 'conv': group=0 is not a positive number of groups"), zero);
        String indivisible = refused(conv(3, 6, 1, 3, 3));
        assertTrue(indivisible.contains("Conv 'conv': the input's 4 channels do not divide into group=3"), indivisible);
        String outputs = refused(conv(2, 7, 2, 3, 3));
        assertTrue(outputs.contains("Conv 'conv': the weight's 7 output channels do not divide into group=2"), outputs);
        String mismatch = refused(conv(1, 8, 3, 3, 3));
        assertTrue(mismatch.contains("Conv 'conv': the input has 4 channels but the weight [8,3,3,3] takes 3 per group"),
                mismatch);
    }

    private static ModelProto identity(GraphProto.Builder g) {
        return OnnxModels.model(13, g.addNode(node("Identity", List.of("x"), List.of("y"))));
    }

    @Test
    void aGraphWithoutOutputsIsRefused() throws IOException {
        String msg = refused(identity(GraphProto.newBuilder().addInput(valueInfo("x", DataType.FLOAT_VALUE, 1L, 4L))));
        assertTrue(msg.contains("is not a valid ONNX model: its graph declares no outputs"), msg);
    }

    @Test
    void opsetsOutsideOneToTheNewestAreRefused() throws IOException {
        for (long version : new long[] {0, -3, OnnxGraphBuilder.NEWEST_OPSET + 1}) {
            ModelProto m = identity(GraphProto.newBuilder().addInput(valueInfo("x", DataType.FLOAT_VALUE, 1L, 4L))
                    .addOutput(valueInfo("y", DataType.FLOAT_VALUE))).toBuilder()
                    .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(version)).build();
            String msg = refused(m);
            assertTrue(msg.contains("it imports ONNX opset " + version + "; opsets run from 1 to "
                    + OnnxGraphBuilder.NEWEST_OPSET), msg);
        }
    }

    @Test
    void aStringInputIsRefused() throws IOException {
        String msg = refused(identity(GraphProto.newBuilder().addInput(valueInfo("x", DataType.STRING_VALUE, 1L, 4L))
                .addOutput(valueInfo("y", DataType.STRING_VALUE))));
        assertTrue(msg.contains("graph input 'x' holds STRING elements, which ncnn cannot take as input"), msg);
    }

    @Test
    void anAttributeOfAnUnknownTypeIsRefused() throws IOException {
        // type 99 is no AttributeType: proto2 keeps it as an unknown field beside the int value
        AttributeProto odd = AttributeProto.newBuilder().setName("odd").setI(1)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(AttributeProto.TYPE_FIELD_NUMBER,
                        UnknownFieldSet.Field.newBuilder().addVarint(99).build()).build()).build();
        NodeProto relu = node("Relu", List.of("x"), List.of("y"), odd).toBuilder().setName("relu").build();
        String msg = refused(OnnxModels.model(13, GraphProto.newBuilder().addNode(relu)
                .addInput(valueInfo("x", DataType.FLOAT_VALUE, 1L, 4L)).addOutput(valueInfo("y", DataType.FLOAT_VALUE))));
        assertTrue(msg.contains("attribute 'odd' of node 'relu' has no type pnnx-j knows"), msg);
    }
}

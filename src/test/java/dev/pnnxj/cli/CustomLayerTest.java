package dev.pnnxj.cli;

import static dev.pnnxj.frontend.onnx.OnnxModels.floatAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.intAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.ints;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.stringAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** customlayer=: an op ncnn lacks is written as the user's own layer only when they name it. */
class CustomLayerTest {
    @TempDir
    Path dir;

    /** y = MyOp(Relu(x), w) with a constant w and the given attributes. */
    private Path model(AttributeProto... attrs) {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(3).addFloatData(1).addFloatData(2).addFloatData(3))
                .addNode(node("Relu", List.of("x"), List.of("r")))
                .addNode(node("MyOp", List.of("r", "w"), List.of("y"), attrs))
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT_VALUE, 1L, 3L, 4L, 4L))
                .addOutput(valueInfo("y", TensorProto.DataType.FLOAT_VALUE));
        return OnnxModels.write(dir, OnnxModels.model(13, g));
    }

    @Test
    void anUnknownOpIsRefusedUnlessNamed() {
        Path m = model(floatAttr("alpha", 0.5f));
        VerifyCommandsTest.Run refused = VerifyCommandsTest.run(m.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("no ncnn layer implements MyOp"), refused.err());
        assertTrue(Files.notExists(dir.resolve("model.ncnn.param")));
    }

    @Test
    void aNamedOpBecomesALayerOfItsTypeWithItsAttributesNumberedByName() throws IOException {
        Path m = model(intAttr("k", 3), floatAttr("alpha", 0.5f), ints("axes", 1, 2));
        VerifyCommandsTest.Run r = VerifyCommandsTest.run(m.toString(), "customlayer=MyOp");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("custom layer MyOp (1 in the .param; register it in your ncnn build):"
                + " params 0=alpha 1=axes 2=k\n"), r.out());
        Path report = dir.resolve("report.json");
        assertEquals(0, VerifyCommandsTest.run(m.toString(), "customlayer=MyOp", "--report", report.toString()).code());
        assertEquals("{\"MyOp\":[\"alpha\",\"axes\",\"k\"]}",
                new ObjectMapper().readTree(report.toFile()).get("custom_layers").toString());
        String param = Files.readString(dir.resolve("model.ncnn.param"));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4 1=4 2=3
                ReLU                     relu_0                   1 1 in0 0
                MemoryData               memorydata_0             0 1 1 0=3
                MyOp                     myop_0                   2 1 0 1 out0 0=5.0e-01 -23301=2,1,2 2=3
                """, param);
    }

    @Test
    void aStringAttributeCannotBeAParam() {
        Path m = model(stringAttr("mode", "fast"));
        VerifyCommandsTest.Run r = VerifyCommandsTest.run(m.toString(), "customlayer=MyOp");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("custom layer MyOp: attribute 'mode' is a string, which an ncnn .param line"
                + " cannot hold"), r.err());
    }

    @Test
    void aMalformedListIsRefused() {
        VerifyCommandsTest.Run r = VerifyCommandsTest.run(model().toString(), "customlayer=MyOp,,");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("bad customlayer=MyOp,,: give op types separated by commas"), r.err());
    }
}

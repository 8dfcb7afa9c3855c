package dev.pnnxj.cli;

import static dev.pnnxj.frontend.onnx.OnnxModels.floatAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.intAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.stringAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report}: a converted model's passes, layers, blobs and weight bytes; for models ncnn
 * cannot run, every offending node with its inputs and the reason, as the console lists them,
 * with exit code 2 and no model files.
 */
class ReportTest {
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void successListsPassesLayersBlobsAndWeightBytes() throws IOException {
        Path model = Files.copy(Path.of("testdata/models/tiny_cnn.onnx"), dir.resolve("tiny_cnn.onnx"));
        Path report = dir.resolve("report.json");
        assertEquals(0, Main.run(model.toString(), "fp16=0", "--report", report.toString()));
        JsonNode doc = JSON.readTree(report.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("files");
        assertEquals(JSON.readTree("""
                {"status": "converted", "exit_code": 0, "passes_applied": ["FoldConstants", "FuseConvBatchNorm"],
                 "layers": {"Convolution": 2, "Flatten": 1, "InnerProduct": 1, "Input": 1, "Pooling": 2},
                 "inputs": [{"blob": "in0", "source": "in0", "shape": [3, 32, 32], "batch": 1, "batch_index": 0}],
                 "outputs": [{"blob": "out0", "source": "out0", "shape": [10], "batch": 1, "batch_index": 0}],
                 "weight_bytes": 15860, "fp16": false}
                """), doc);
        assertEquals(dir.resolve("tiny_cnn.ncnn.param").toString(), JSON.readTree(report.toFile()).at("/files/param").asText());
    }

    @Test
    void badInputIsReportedAsAnErrorWithExitCode1() throws IOException {
        Path report = dir.resolve("report.json");
        assertEquals(1, Main.run(dir.resolve("absent.onnx").toString(), "--report", report.toString()));
        JsonNode doc = JSON.readTree(report.toFile());
        assertEquals("error", doc.get("status").asText());
        assertEquals(1, doc.get("exit_code").asInt());
        assertEquals("model file " + dir.resolve("absent.onnx") + " does not exist or is not a file",
                doc.get("message").asText());
    }

    @Test
    void unknownOpRankAboveFourAndUnsupportedAttributeAreAllListed() throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(valueInfo("x", FLOAT, 1L, 3L, 8L, 8L))
                .addInitializer(longs("shape6", 1, 3, 2, 4, 2, 4))
                .addInitializer(floats("scales", 1, 1, 2, 2))
                .addNode(node("Relu", List.of("x"), List.of("r")))
                .addNode(node("CustomNorm", List.of("r"), List.of("h")).toBuilder().setName("custom").build())
                .addNode(node("Flatten", List.of("h"), List.of("f")).toBuilder().setName("flatten").build())
                .addNode(node("Reshape", List.of("x", "shape6"), List.of("six")).toBuilder().setName("to6d").build())
                .addNode(node("Resize", List.of("r", "", "scales"), List.of("up"), stringAttr("mode", "cubic"),
                        floatAttr("cubic_coeff_a", -0.5f)).toBuilder().setName("bicubic").build())
                .addOutput(valueInfo("f", FLOAT)).addOutput(valueInfo("six", FLOAT)).addOutput(valueInfo("up", FLOAT));
        Path model = OnnxModels.write(dir, OnnxModels.model(13, g));
        String err = runExpectingExit2(model);
        assertEquals("""
                pnnx-j: 4 nodes cannot be converted to ncnn:
                  Reshape 'to6d' (x:float32[1,3,8,8], shape6:int64[6] const): 'six' [1,3,2,4,2,4] has 5 dims after dropping batch; ncnn holds at most 4 [rank above 4]
                  CustomNorm 'custom' (r:float32[1,3,8,8]): no ncnn layer implements CustomNorm; pnnx-j cannot infer the output shape of CustomNorm [unknown op]
                  Resize 'bicubic' (r:float32[1,3,8,8], -, scales:float32[4] const): ncnn bicubic uses cubic_coeff_a=-0.75 without exclude_outside [unsupported form]
                  Flatten 'flatten' (h:?[?]): input 'h' has no static shape because of CustomNorm 'custom' upstream (reported above) [upstream]
                No files were written. Give inputshape= if shapes are dynamic, or simplify the listed ops in the model.
                """, err);
        assertReport(err, """
                [
                {"node": "to6d", "op": "Reshape", "kind": "rank_above_4", "reason": "'six' [1,3,2,4,2,4] has 5 dims after dropping batch; ncnn holds at most 4", "inputs": [{"name": "x", "dtype": "float32", "shape": [1, 3, 8, 8], "constant": false}, {"name": "shape6", "dtype": "int64", "shape": [6], "constant": true}]},
                {"node": "custom", "op": "CustomNorm", "kind": "unknown_op", "reason": "no ncnn layer implements CustomNorm; pnnx-j cannot infer the output shape of CustomNorm", "inputs": [{"name": "r", "dtype": "float32", "shape": [1, 3, 8, 8], "constant": false}]},
                {"node": "bicubic", "op": "Resize", "kind": "unsupported_form", "reason": "ncnn bicubic uses cubic_coeff_a=-0.75 without exclude_outside", "inputs": [{"name": "r", "dtype": "float32", "shape": [1, 3, 8, 8], "constant": false}, null, {"name": "scales", "dtype": "float32", "shape": [4], "constant": true}]},
                {"node": "flatten", "op": "Flatten", "kind": "upstream", "reason": "input 'h' has no static shape because of CustomNorm 'custom' upstream (reported above)", "inputs": [{"name": "h", "dtype": "?", "shape": null, "constant": false}]}]
                """);
    }

    @Test
    void shapesThatDependOnDataPointAtTheirOrigin() throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(valueInfo("x", FLOAT, 1L, 3L, 8L, 8L))
                .addNode(node("NonZero", List.of("x"), List.of("nz")).toBuilder().setName("nonzero").build())
                .addNode(node("Flatten", List.of("nz"), List.of("nzf")).toBuilder().setName("flatten_nz").build())
                .addNode(node("Shape", List.of("nz"), List.of("s")).toBuilder().setName("shape_of_nz").build())
                .addNode(node("Reshape", List.of("x", "s"), List.of("y")).toBuilder().setName("reshape_by_value").build())
                .addNode(node("Flatten", List.of("y"), List.of("yf")).toBuilder().setName("flatten_y").build())
                .addOutput(valueInfo("nzf", INT64)).addOutput(valueInfo("yf", FLOAT));
        Path model = OnnxModels.write(dir, OnnxModels.model(13, g));
        String err = runExpectingExit2(model);
        assertEquals("""
                pnnx-j: 4 nodes cannot be converted to ncnn:
                  NonZero 'nonzero' (x:float32[1,3,8,8]): no ncnn layer implements NonZero; its output shape [4,?] depends on the values of 'x', not only on input shapes [unknown op]
                  Flatten 'flatten_nz' (nz:int64[4,?]): input 'nz' has no static shape because of NonZero 'nonzero' upstream (reported above) [upstream]
                  Shape 'shape_of_nz' (nz:int64[4,?]): input 'nz' has no static shape because of NonZero 'nonzero' upstream (reported above) [upstream]
                  Reshape 'reshape_by_value' (x:float32[1,3,8,8], s:int64[2]): its output shape [?,?] depends on the values of 's', not only on input shapes [data dependent shape]
                No files were written. Give inputshape= if shapes are dynamic, or simplify the listed ops in the model.
                """, err);
        assertReport(err, """
                [
                {"node": "nonzero", "op": "NonZero", "kind": "unknown_op", "reason": "no ncnn layer implements NonZero; its output shape [4,?] depends on the values of 'x', not only on input shapes", "inputs": [{"name": "x", "dtype": "float32", "shape": [1, 3, 8, 8], "constant": false}]},
                {"node": "flatten_nz", "op": "Flatten", "kind": "upstream", "reason": "input 'nz' has no static shape because of NonZero 'nonzero' upstream (reported above)", "inputs": [{"name": "nz", "dtype": "int64", "shape": [4, -1], "constant": false}]},
                {"node": "shape_of_nz", "op": "Shape", "kind": "upstream", "reason": "input 'nz' has no static shape because of NonZero 'nonzero' upstream (reported above)", "inputs": [{"name": "nz", "dtype": "int64", "shape": [4, -1], "constant": false}]},
                {"node": "reshape_by_value", "op": "Reshape", "kind": "data_dependent_shape", "reason": "its output shape [?,?] depends on the values of 's', not only on input shapes", "inputs": [{"name": "x", "dtype": "float32", "shape": [1, 3, 8, 8], "constant": false}, {"name": "s", "dtype": "int64", "shape": [2], "constant": false}]}]
                """);
    }

    private String runExpectingExit2(Path model) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true));
        try {
            code = Main.run(model.toString(), "inputshape=[1,3,8,8]", "--report", dir.resolve("report.json").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code, err.toString());
        return err.toString();
    }

    /**
     * Only the model and the report are in the directory (no .param, .bin, manifest or script),
     * and the report holds the console message and the expected problems.
     */
    private void assertReport(String err, String problems) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model.onnx", "report.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertEquals("unsupported", report.get("status").asText());
        assertEquals(2, report.get("exit_code").asInt());
        assertEquals(err.substring("pnnx-j: ".length()).stripTrailing(), report.get("message").asText());
        assertEquals(JSON.readTree(problems), report.get("problems"));
    }

    private static TensorProto longs(String name, long... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(v.length);
        for (long x : v) {
            t.addInt64Data(x);
        }
        return t.build();
    }

    private static TensorProto floats(String name, float... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT).addDims(v.length);
        for (float x : v) {
            t.addFloatData(x);
        }
        return t.build();
    }
}

package dev.pnnxj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.verify.BinCheck;
import dev.pnnxj.verify.ModelComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every testdata model passes {@code check} with its manifest (fp16 and fp32 weights) and, with
 * fp32 weights, {@code compare --blobs} against onnxruntime: every output at cosine >= 0.9999 and
 * max error <= 1e-3 x max|ref|, and no blob below the cosine threshold.
 */
class VerifyTestdataModelsTest {
    @TempDir
    Path out;

    static Stream<Arguments> models() throws IOException {
        JsonNode index = new ObjectMapper().readTree(TestdataModelsTest.MODELS.resolve("index.json").toFile());
        List<Arguments> args = new ArrayList<>();
        for (JsonNode m : index.get("models")) {
            args.add(Arguments.of(m.get("name").asText(), m));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void checkAndCompareAgree(String name, JsonNode m) {
        Path onnx = TestdataModelsTest.MODELS.resolve(m.get("onnx").asText());
        Path param = out.resolve(name + ".ncnn.param");
        Path bin = out.resolve(name + ".ncnn.bin");
        ConvertOptions o = ConvertOptions.parse(onnx, List.of("inputshape=" + m.get("inputshape").asText(), "fp16=0",
                "ncnnparam=" + param, "ncnnbin=" + bin, "ncnnpy=" + out.resolve(name + "_ncnn.py")));
        Converter.convert(o);

        BinCheck.Result check = BinCheck.check(param, bin, o.manifest());
        assertTrue(check.ok(), check.message());

        ModelComparison.Result r = ModelComparison.compare(onnx, o.inputShapes(), param, bin,
                new ModelComparison.Options(Map.of(), 7, 0.9999, 1e-3, Double.POSITIVE_INFINITY, true));
        assertEquals(m.get("outputs").size(), r.outputs().size());
        assertTrue(r.pass(), name + ": " + r.outputs());
        assertNull(r.firstDivergingLayer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void checkAcceptsFp16Weights(String name, JsonNode m) {
        Path onnx = TestdataModelsTest.MODELS.resolve(m.get("onnx").asText());
        Path param = out.resolve(name + ".ncnn.param");
        Path bin = out.resolve(name + ".ncnn.bin");
        ConvertOptions o = ConvertOptions.parse(onnx, List.of("inputshape=" + m.get("inputshape").asText(), "fp16=1",
                "ncnnparam=" + param, "ncnnbin=" + bin, "ncnnpy=" + out.resolve(name + "_ncnn.py")));
        Converter.convert(o);
        BinCheck.Result check = BinCheck.check(param, bin, o.manifest());
        assertTrue(check.ok(), check.message());
    }
}

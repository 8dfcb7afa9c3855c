package dev.pnnxj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.Metrics;
import dev.pnnxj.verify.NcnnExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in testdata/models is converted, run by the independent ncnn executor, and compared
 * with the output PyTorch computed when the model was exported: cosine >= 0.9999 and max error
 * <= 1e-3 x max|ref| with fp32 weights, cosine >= 0.999 with fp16 weights. Each is also converted
 * at optlevel=0, where no pattern is fused, and must match as well.
 */
public class TestdataModelsTest {
    static final Path MODELS = Path.of("testdata/models");

    @TempDir
    Path out;

    static Stream<Arguments> models() throws IOException {
        JsonNode index = new ObjectMapper().readTree(MODELS.resolve("index.json").toFile());
        List<Arguments> args = new ArrayList<>();
        for (JsonNode m : index.get("models")) {
            args.add(Arguments.of(m.get("name").asText(), m, false, 2));
            args.add(Arguments.of(m.get("name").asText(), m, true, 2));
            // every pattern left unfused: the general lowering must be right on its own
            args.add(Arguments.of(m.get("name").asText(), m, false, 0));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} fp16={2} optlevel={3}")
    @MethodSource("models")
    void convertedModelMatchesPyTorch(String name, JsonNode m, boolean fp16, int optlevel) throws IOException {
        Path param = out.resolve(name + ".ncnn.param");
        Path bin = out.resolve(name + ".ncnn.bin");
        ConvertOptions o = ConvertOptions.parse(MODELS.resolve(m.get("onnx").asText()), List.of(
                "inputshape=" + m.get("inputshape").asText(), "fp16=" + (fp16 ? 1 : 0), "optlevel=" + optlevel,
                "ncnnparam=" + param, "ncnnbin=" + bin, "ncnnpy=" + out.resolve(name + "_ncnn.py")));
        NcnnModel model = Converter.convert(o).model();

        NcnnExecutor ex = NcnnExecutor.load(param, bin);
        Map<String, Mat> inputs = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode in : m.get("inputs")) {
            String blob = "in" + i++;
            inputs.put(blob, asInputBlob(Npy.read(MODELS.resolve(in.get("file").asText())), model.blobShapes.get(blob)));
        }
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < m.get("outputs").size(); k++) {
            outs.add("out" + k);
        }
        Map<String, Mat> got = ex.run(inputs, outs);
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int k = 0; k < outs.size(); k++) {
            Npy expected = Npy.read(MODELS.resolve(m.get("outputs").get(k).get("file").asText()));
            Mat actual = got.get(outs.get(k));
            assertEquals(expected.count(), actual.total(), name + " " + outs.get(k) + " size: got ncnn shape "
                    + actual.shapeString() + ", expected " + Arrays.toString(expected.shape()));
            Metrics mt = Metrics.of(actual.data(), expected.toFloats());
            boolean pass = fp16 ? mt.within(0.999, 1e-1) : mt.within(0.9999, 1e-3);
            ok &= pass;
            report.append("\n  ").append(outs.get(k)).append(pass ? " ok   " : " FAIL ").append(mt);
        }
        assertTrue(ok, name + (fp16 ? " fp16" : " fp32") + report);
    }

    /** The input data seen with the ncnn shape the converter gave the Input blob (batch dropped or kept). */
    public static Mat asInputBlob(Npy npy, int[] ncnnDims) {
        if (npy.count() != Arrays.stream(ncnnDims).asLongStream().reduce(1, (a, b) -> a * b)) {
            throw new IllegalArgumentException("input " + Arrays.toString(npy.intShape()) + " does not fill the ncnn blob "
                    + Arrays.toString(ncnnDims));
        }
        return Mat.of(ncnnDims, npy.toFloats());
    }
}

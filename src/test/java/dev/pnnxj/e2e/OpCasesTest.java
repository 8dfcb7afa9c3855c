package dev.pnnxj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.BatchedBlobs;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.Metrics;
import dev.pnnxj.verify.NcnnExecutor;
import java.io.IOException;
import java.nio.file.Files;
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
 * Every op case of testdata/ops (one small PyTorch module each, see testdata/ops/opcases.py) is
 * converted from each format it was exported in, at the default optlevel and at optlevel=0, run by
 * the independent ncnn executor with batched Mats where the converter says the blob is batched,
 * and compared with PyTorch's outputs: cosine >= 0.9999 and max error <= 1e-3 x max|ref|. A case
 * that lists its layers must convert to exactly those layer types; one marked refused (a module
 * ncnn cannot run) must fail to convert with a message containing the given reason.
 */
class OpCasesTest {
    static final Path OPS = Path.of("testdata/ops");

    @TempDir
    Path out;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> args = new ArrayList<>();
        try (Stream<Path> topics = Files.list(OPS)) {
            for (Path dir : topics.filter(d -> Files.exists(d.resolve("index.json"))).sorted().toList()) {
                JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
                for (JsonNode c : index.get("cases")) {
                    for (JsonNode format : c.get("formats")) {
                        for (int optlevel : new int[] {2, 0}) {
                            args.add(Arguments.of(dir.getFileName() + "/" + c.get("name").asText(), format.asText(),
                                    optlevel, dir, c));
                        }
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}.{1} optlevel={2}")
    @MethodSource("cases")
    void convertedCaseMatchesPyTorch(String id, String format, int optlevel, Path dir, JsonNode c) throws IOException {
        String name = c.get("name").asText();
        Path param = out.resolve(name + ".ncnn.param");
        Path bin = out.resolve(name + ".ncnn.bin");
        ConvertOptions options = ConvertOptions.parse(dir.resolve(name + "." + format), List.of(
                "inputshape=" + c.get("inputshape").asText(), "fp16=0", "optlevel=" + optlevel, "ncnnparam=" + param,
                "ncnnbin=" + bin, "ncnnpy=" + out.resolve(name + "_ncnn.py")));
        if (c.has("refused")) {
            ConversionException e = assertThrows(ConversionException.class, () -> Converter.convert(options));
            String reason = c.get("refused").asText();
            assertTrue(e.getMessage().contains(reason), id + "." + format + ": expected a refusal saying '" + reason
                    + "', got: " + e.getMessage());
            return;
        }
        NcnnModel model = Converter.convert(options).model();
        if (c.has("layers") && optlevel == 2) {
            List<String> types = Files.readAllLines(param).stream().skip(2).map(l -> l.split("\\s+")[0]).toList();
            List<String> expected = new ArrayList<>();
            c.get("layers").forEach(t -> expected.add(t.asText()));
            assertEquals(expected, types, id + "." + format + " layers");
        }
        Map<String, List<Mat>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < c.get("inputs").size(); i++) {
            String blob = "in" + i;
            Npy npy = Npy.read(dir.resolve(c.get("inputs").get(i).asText()));
            inputs.put(blob, BatchedBlobs.split(BatchedBlobs.words(npy), model.blobShapes.get(blob), model.batches.getOrDefault(blob, 1)));
        }
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < c.get("outputs").size(); k++) {
            outs.add("out" + k);
        }
        Map<String, List<Mat>> got = NcnnExecutor.load(param, bin).runBatched(inputs, outs);
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (int k = 0; k < outs.size(); k++) {
            Npy expected = Npy.read(dir.resolve(c.get("outputs").get(k).asText()));
            List<Mat> samples = got.get(outs.get(k));
            float[] actual = BatchedBlobs.join(samples);
            assertEquals(expected.count(), actual.length, id + " " + outs.get(k) + " size: got " + samples.size()
                    + " x ncnn shape " + samples.get(0).shapeString() + ", expected " + Arrays.toString(expected.shape()));
            Metrics m = Metrics.of(actual, expected.toFloats());
            boolean pass = m.within(0.9999, 1e-3);
            ok &= pass;
            report.append("\n  ").append(outs.get(k)).append(pass ? " ok   " : " FAIL ").append(m);
        }
        assertTrue(ok, id + "." + format + report);
    }
}

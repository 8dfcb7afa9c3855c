package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code pnnx-j batch} over a generated zoo of 70-odd models, a few of which must fail. */
class BatchZooTest {
    @TempDir
    static Path tmp;
    static Path zoo;
    static List<String> models;
    static int exitCode;

    @BeforeAll
    static void convertZooOnTwoThreads() throws IOException {
        zoo = tmp.resolve("zoo");
        models = ZooModels.write(zoo);
        exitCode = Main.run("batch", zoo.toString(), "--jobs", "2", "--out", tmp.resolve("out2").toString(),
                "--report", tmp.resolve("report.json").toString(), "--junit", tmp.resolve("junit.xml").toString());
    }

    @Test
    void zooIsBigEnough() {
        assertTrue(models.size() >= 50 + ZooModels.FAILING.size() + 14, models.size() + " models");
    }

    @Test
    void exitCodeIsOneBecauseSomeModelsFailed() {
        assertEquals(1, exitCode);
    }

    @Test
    void jsonReportHasEveryModelInOrderWithItsStatus() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
        assertEquals(JsonReport.FORMAT, doc.get("format").asText());
        assertEquals(models.size(), doc.get("models_total").asInt());
        List<String> paths = new ArrayList<>();
        for (JsonNode m : doc.get("models")) {
            String path = m.get("path").asText();
            paths.add(path);
            Integer expectedExit = ZooModels.FAILING.get(path);
            assertEquals(expectedExit == null ? 0 : expectedExit, m.get("exit_code").asInt(), path + ": " + m.get("message"));
            if (expectedExit == null) {
                assertEquals("converted", m.get("status").asText());
                assertTrue(m.get("layers").asInt() >= 2, path);
                assertTrue(m.get("layer_histogram").has("Input"), path);
            } else {
                assertEquals(expectedExit == 2 ? "unsupported" : "failed", m.get("status").asText(), path);
                assertFalse(m.get("message").asText().isEmpty(), path);
            }
        }
        // after the per-model checks, whose messages name the model that went wrong
        assertEquals(models.size() - 5, doc.get("converted").asInt());
        assertEquals(2, doc.get("unsupported").asInt());
        assertEquals(3, doc.get("failed").asInt());
        assertEquals(models, paths);
        JsonNode conv = doc.get("models").get(models.indexOf("conv/c3_k3_s9_relu.onnx"));
        // Conv 6x3x3x3 weight (fp16, tagged) + 6 fp32 bias; the ReLU is fused into the convolution
        assertEquals(4 + 162 * 2 + 6 * 4, conv.get("weight_bytes").asLong());
        assertEquals("{\"Convolution\":1,\"Input\":1}", conv.get("layer_histogram").toString());
        assertTrue(doc.get("models").get(models.indexOf("bad/dynamic_batch.onnx")).get("message").asText()
                .contains("inputshape="));
    }

    @Test
    void junitXmlIsSchemaValidWithAFailurePerFailedModel() throws Exception {
        Path xml = tmp.resolve("junit.xml");
        JUnitXml.validate(xml);
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertEquals(Integer.toString(models.size()), suite.getAttribute("tests"));
        assertEquals("5", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        NodeList cases = suite.getElementsByTagName("testcase");
        Map<String, Boolean> failed = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            failed.put(c.getAttribute("name"), c.getElementsByTagName("failure").getLength() == 1);
        }
        assertEquals(models.size(), failed.size());
        for (String m : models) {
            assertEquals(ZooModels.FAILING.containsKey(m), failed.get(m), m);
        }
    }

    @Test
    void outputsMirrorTheZooAndAreByteIdenticalWhateverTheJobCount() throws IOException {
        Path out1 = tmp.resolve("out1");
        assertEquals(1, Main.run("batch", zoo.toString(), "--jobs", "1", "--out", out1.toString()));
        Path out2 = tmp.resolve("out2");
        List<String> files = files(out2);
        assertEquals(files, files(out1));
        assertEquals(4 * (models.size() - ZooModels.FAILING.size()), files.size(), "param, bin, manifest, py per model");
        assertTrue(files.contains("conv/c1_k1_s6_none.ncnn.param"));
        assertTrue(files.contains("testdata/ext_data/ext.ncnn.bin"));
        for (String f : files) {
            byte[] a = Files.readAllBytes(out1.resolve(f));
            assertArrayEquals(a, Files.readAllBytes(out2.resolve(f)), f);
            String text = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(tmp.toString()), f + " holds an absolute path");
        }
    }

    @Test
    void shardsCoverEveryModelExactlyOnce() throws IOException {
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path report = tmp.resolve("shard" + i + ".json");
            Main.run("batch", zoo.toString(), "--shard", i + "/3", "--out", tmp.resolve("shards").toString(),
                    "--report", report.toString());
            List<String> shard = new ArrayList<>();
            new ObjectMapper().readTree(report.toFile()).get("models").forEach(m -> shard.add(m.get("path").asText()));
            assertTrue(Math.abs(shard.size() - models.size() / 3.0) < 1, "balanced: " + shard.size());
            seen.addAll(shard);
        }
        assertEquals(models.size(), seen.size(), "no model in two shards");
        assertEquals(new TreeSet<>(models), new TreeSet<>(seen));
    }

    @Test
    void listFileGivesPerModelOptionsOverCommonOnes() throws IOException {
        Path list = tmp.resolve("lists/some.txt");
        Files.createDirectories(list.getParent());
        Files.writeString(list, """
                # a dynamic model converts once it is given its shape
                ../zoo/bad/dynamic_batch.onnx inputshape=[1,4]
                ../zoo/gemm/in4_out2.onnx fp16=1
                """);
        Path out = tmp.resolve("listout");
        assertEquals(0, Main.run("batch", list.toString(), "fp16=0", "--out", out.toString(),
                "--report", tmp.resolve("list.json").toString()));
        JsonNode reported = new ObjectMapper().readTree(tmp.resolve("list.json").toFile()).get("models");
        assertEquals("../zoo/bad/dynamic_batch.onnx", reported.get(0).get("path").asText());
        // gemm weight 2x4 fp16 with its tag, bias 2 fp32: the model's fp16=1 beat the common fp16=0
        assertEquals(4 + 8 * 2 + 2 * 4, reported.get(1).get("weight_bytes").asLong());
        assertEquals(List.of("zoo/bad/dynamic_batch.ncnn.bin", "zoo/bad/dynamic_batch.ncnn.bin.json",
                "zoo/bad/dynamic_batch.ncnn.param", "zoo/bad/dynamic_batch_ncnn.py", "zoo/gemm/in4_out2.ncnn.bin",
                "zoo/gemm/in4_out2.ncnn.bin.json", "zoo/gemm/in4_out2.ncnn.param", "zoo/gemm/in4_out2_ncnn.py"),
                files(out), "outputs stay under --out");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}

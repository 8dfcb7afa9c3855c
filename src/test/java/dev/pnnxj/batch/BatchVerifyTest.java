package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch --verify}: every converted model is run against onnxruntime and its max error reported. */
class BatchVerifyTest {
    @TempDir
    Path dir;

    @Test
    void verifiedModelsCarryTheirMaxError() throws IOException {
        Files.copy(Path.of("testdata/models/tiny_cnn.onnx"), dir.resolve("tiny_cnn.onnx"));
        Files.copy(Path.of("testdata/models/convs.onnx"), dir.resolve("convs.onnx"));
        Files.writeString(dir.resolve("convs.onnx" + ModelList.SIDECAR), "fp16=0\n");
        Path report = dir.resolve("r.json");
        assertEquals(0, Main.run("batch", dir.toString(), "--verify", "--out", dir.resolve("out").toString(),
                "--report", report.toString()));
        JsonNode models = new ObjectMapper().readTree(report.toFile()).get("models");
        assertEquals("convs.onnx", models.get(0).get("path").asText());
        double fp32Error = models.get(0).get("max_error").asDouble();
        double fp16Error = models.get(1).get("max_error").asDouble();
        assertTrue(fp32Error < 1e-4, "fp32 weights: " + fp32Error);
        assertTrue(fp16Error > fp32Error && fp16Error < 1e-1, "fp16 weights round: " + fp16Error);
    }

    @Test
    void unverifiedModelsHaveNoMaxError() throws IOException {
        Files.copy(Path.of("testdata/models/tiny_cnn.onnx"), dir.resolve("tiny_cnn.onnx"));
        Path report = dir.resolve("r.json");
        assertEquals(0, Main.run("batch", dir.toString(), "--out", dir.resolve("out").toString(), "--report", report.toString()));
        assertTrue(!new ObjectMapper().readTree(report.toFile()).get("models").get(0).has("max_error"));
    }
}

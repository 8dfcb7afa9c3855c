package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert command as a user meets it: outputs, summary lines, exit codes, messages. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private Path sample() throws IOException {
        Path model = dir.resolve("tinynet.onnx");
        Files.copy(Path.of("testdata/sample/tinynet.onnx"), model);
        return model;
    }

    private List<String> files() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsTheSampleWithPnnxOutputNames() throws IOException {
        Path model = sample();
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]"));
        assertEquals(List.of("tinynet.ncnn.bin", "tinynet.ncnn.bin.json", "tinynet.ncnn.param", "tinynet.onnx",
                "tinynet_ncnn.py"), files());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("input  in0    [3,32,32] (c,h,w)"), printed);
        assertTrue(printed.contains("output out0   [10] (w)"), printed);
        String py = Files.readString(dir.resolve("tinynet_ncnn.py"));
        assertTrue(py.contains("((net.load_param, \"tinynet.ncnn.param\"), (net.load_model, \"tinynet.ncnn.bin\"))"), py);
        assertTrue(py.contains("in0 = rng.random((1, 3, 32, 32), dtype=np.float32)"), py);
        assertTrue(py.contains("ex.extract(\"out0\")"), py);
        assertTrue(py.contains("ex.input(\"in0\", ncnn.Mat(in0, batch_index=0).clone())"), py);
        assertTrue(py.contains("out.append(out0.numpy(batch_index=0))"), py);
        assertTrue(printed.contains("batch 1 -> Mat::n"), printed);
    }

    @Test
    void truncatedModelIsOneLineExitOneAndNoFiles() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("testdata/sample/tinynet.onnx"));
        Path model = dir.resolve("cut.onnx");
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32,32]"));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("pnnx-j: ") && msg.contains("cut.onnx"), msg);
        assertFalse(msg.contains("\tat "), "no stack trace without --verbose: " + msg);
        assertEquals(List.of("cut.onnx"), files());
    }

    @Test
    void wrongInputShapeRankIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path model = sample();
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32]"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("of rank 4"), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("tinynet.onnx"), files());
    }

    @Test
    void badKeyValueIsExitOneWithTheKnownKeys() throws IOException {
        Path model = sample();
        assertEquals(1, Main.run(model.toString(), "fp17=1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option 'fp17'; known keys: customlayer, customop, device, fp16"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("tinynet.onnx"), files());
    }

    @Test
    void outputNamedAfterTheInputIsRefused() throws IOException {
        Path model = sample();
        long size = Files.size(model);
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32,32]", "ncnnbin=" + model));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refusing to overwrite the input"));
        assertEquals(size, Files.size(model));
        assertEquals(List.of("tinynet.onnx"), files());
    }
}

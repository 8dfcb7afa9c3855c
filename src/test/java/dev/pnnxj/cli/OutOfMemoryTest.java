package dev.pnnxj.cli;

import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversion that runs out of heap says how to give it more, in one line, and writes nothing. */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapIsOneClearLineAndExitThree() throws IOException, InterruptedException {
        // ConstantOfShape folds into a 240 MB constant: more than the 48 MiB heap the child JVM gets
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInitializer(TensorProto.newBuilder().setName("shape").setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(2).addInt64Data(1).addInt64Data(60_000_000))
                .addNode(node("ConstantOfShape", List.of("shape"), List.of("big")))
                .addNode(node("Add", List.of("x", "big"), List.of("y")))
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT_VALUE, 1L, 1L))
                .addOutput(valueInfo("y", TensorProto.DataType.FLOAT_VALUE));
        Path model = OnnxModels.write(dir, OnnxModels.model(13, g));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), model.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), err);
        assertTrue(err.matches("pnnx-j: out of memory \\(Java heap \\d+ MiB\\); nothing was written\\. Give the JVM"
                + " more with PNNXJ_JAVA_OPTS=-Xmx4g \\(or more\\)\\R"), err);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList());
        }
    }
}

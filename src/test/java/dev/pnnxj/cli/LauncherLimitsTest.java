package dev.pnnxj.cli;

import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.StringStringEntryProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pnnx-j's JVM flags keep a conversion inside {@code prlimit --as=2G} (the JVM's defaults do
 * not: a heap sized from the host's RAM and 1 GB of class space), and a model too big for the
 * limit ends in one line and exit 3, with no JVM crash file. Runs the launcher from the test class
 * path, with this JVM, as a child process.
 */
class LauncherLimitsTest {
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPrlimitAndSh() {
        assumeTrue(onPath("prlimit") && onPath("sh"), "prlimit (util-linux) and sh are needed");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    /** Exit code and stderr of the launcher under the 2 GiB address-space limit, run in {@link #dir}. */
    private record Run(int exit, String err) {
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("prlimit", "--as=" + TWO_GIB, "sh", Path.of("bin/pnnx-j").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PNNXJ_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("PNNXJ_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("PNNXJ_JAVA_OPTS");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher still running");
        return new Run(p.exitValue(), err);
    }

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsTheSampleUnderTwoGibibytesOfAddressSpace() throws IOException, InterruptedException {
        Path model = Files.copy(Path.of("testdata/sample/tinynet.onnx"), dir.resolve("tinynet.onnx"));
        Run r = launch(model.toString(), "inputshape=[1,3,32,32]");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of("tinynet.ncnn.bin", "tinynet.ncnn.bin.json", "tinynet.ncnn.param", "tinynet.onnx",
                "tinynet_ncnn.py"), filesIn(dir));
        assertTrue(Files.readString(dir.resolve("tinynet.ncnn.param")).startsWith("7767517\n"));
    }

    @Test
    void aModelTooBigForTheLimitIsOneLineAndExitThree() throws IOException, InterruptedException {
        // a 2,000,000,000-byte weight in a sparse external-data file: it cannot be mapped in 2 GiB beside the JVM
        long n = 500_000_000L;
        Path data = dir.resolve("big.weights");
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength(4 * n);
        }
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(n).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("big.weights"))
                .build();
        GraphProto.Builder g = GraphProto.newBuilder().addInitializer(w)
                .addNode(node("Add", List.of("x", "w"), List.of("y")))
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT_VALUE, 1L))
                .addOutput(valueInfo("y", TensorProto.DataType.FLOAT_VALUE));
        Path model = OnnxModels.write(dir, OnnxModels.model(13, g));
        List<String> before = filesIn(dir);

        Run r = launch(model.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().matches("pnnx-j: out of memory \\([^\\n]*\\): the model does not fit in the process's"
                + " address space; nothing was written\\. [^\\n]*\\R"), r.err());
        assertEquals(before, filesIn(dir), "no output and no hs_err file");
    }
}

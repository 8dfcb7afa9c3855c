package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated {@code _ncnn.py} under Python with a stand-in {@code ncnn} module that
 * records what the script loads and feeds: the model is found relative to the script from any
 * working directory, a failed load stops the script, and an index input goes in as int32.
 */
class PyScriptRunTest {
    /** pyncnn's surface the script uses; load_* return 0 only for an existing file, as ncnn does. */
    private static final String FAKE_NCNN = """
            import os, sys
            import numpy as np
            class Mat:
                def __init__(self, a, batch_index=0):
                    print("input", a.dtype, a.shape, batch_index)
                def clone(self):
                    return self
                def numpy(self, batch_index=0):
                    return np.zeros(1, dtype=np.float32)
            class Extractor:
                def __enter__(self): return self
                def __exit__(self, *a): pass
                def input(self, name, mat): pass
                def extract(self, name): return 0, Mat(np.zeros(1, dtype=np.float32))
            class Net:
                def __enter__(self): return self
                def __exit__(self, *a): pass
                def load_param(self, p):
                    print("param", p)
                    return 0 if os.path.isfile(p) else -1
                def load_model(self, p):
                    print("model", p)
                    return 0 if os.path.isfile(p) else -1
                def create_extractor(self): return Extractor()
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPythonWithNumpy() {
        ExternalTool.require(run(Path.of("."), Path.of("."), "-c", "import numpy").exit == 0, "python3 with numpy");
    }

    private record Ran(int exit, String output) {
    }

    private static Ran run(Path cwd, Path pythonPath, String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "python3";
            System.arraycopy(args, 0, cmd, 1, args.length);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", pythonPath.toAbsolutePath().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return new Ran(p.exitValue(), out);
        } catch (IOException e) {
            return new Ran(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ran(-1, e.toString());
        }
    }

    private Path fakeNcnn() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("ncnn.py"), FAKE_NCNN);
        return lib;
    }

    @Test
    void theScriptFindsTheModelBesideItFromAnyFolder() throws IOException {
        Path model = Files.copy(Path.of("testdata/sample/tinynet.onnx"), dir.resolve("tinynet.onnx"));
        Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(dir.resolve("scripts"));
        Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]", "ncnnparam=" + dir.resolve("out/t.param"),
                "ncnnbin=" + dir.resolve("out/t.bin"), "ncnnpy=" + dir.resolve("scripts/t.py")));
        Ran ran = run(dir.resolve("elsewhere"), fakeNcnn(), dir.resolve("scripts/t.py").toString());
        assertEquals(0, ran.exit, ran.output);
        assertTrue(ran.output.contains("param " + dir.resolve("scripts") + "/../out/t.param"), ran.output);
        assertTrue(ran.output.contains("input float32 (1, 3, 32, 32) 0"), ran.output);

        Files.delete(dir.resolve("out/t.bin"));
        ran = run(dir.resolve("elsewhere"), fakeNcnn(), dir.resolve("scripts/t.py").toString());
        assertEquals(1, ran.exit, ran.output);
        assertTrue(ran.output.contains("RuntimeError: ncnn cannot load " + dir.resolve("scripts") + "/../out/t.bin"),
                ran.output);
    }

    @Test
    void indicesGoInAsInt32() throws IOException {
        Path model = Files.copy(Path.of("testdata/ops/gather/embedding.onnx"), dir.resolve("embedding.onnx"));
        assertEquals(0, Main.run(model.toString()));
        Ran ran = run(dir, fakeNcnn(), dir.resolve("embedding_ncnn.py").toString());
        assertEquals(0, ran.exit, ran.output);
        assertTrue(ran.output.contains("input int32"), ran.output);
    }
}

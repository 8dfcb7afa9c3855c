package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives nested far past anything torch.jit.save writes (pickles of nested MARKs and lists, code
 * of nested brackets and operator chains) end in one line naming the file and limit, exit code 1,
 * and no output: not a StackOverflowError.
 */
class HostileNestingTest {
    private static final int DEEP = 100_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
    }

    private String refused(Path model) throws IOException {
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,4]"));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, msg.lines().count(), msg);
        assertFalse(msg.contains("StackOverflowError"), msg);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(model.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
        }
        return msg;
    }

    private Path archive(byte[] pickle) {
        return new TestArchive().entry("m/data.pkl", pickle).entry("m/code/__torch__.py", "")
                .write(dir.resolve("deep.pt"));
    }

    @Test
    void deeplyNestedMarksAreRefused() throws IOException {
        PickleBytes p = new PickleBytes();
        for (int i = 0; i < DEEP; i++) {
            p.mark();
        }
        for (int i = 0; i < DEEP; i++) {
            p.tuple();
        }
        String msg = refused(archive(p.stop()));
        assertTrue(msg.contains("deep.pt data.pkl: the pickled data nests deeper than 500 levels"), msg);
    }

    @Test
    void deeplyNestedListsAreRefused() throws IOException {
        PickleBytes p = new PickleBytes();
        for (int i = 0; i < DEEP; i++) {
            p.emptyList();
        }
        for (int i = 1; i < DEEP; i++) {
            p.append();
        }
        String msg = refused(archive(p.stop()));
        assertTrue(msg.contains("nests deeper than 500 levels"), msg);
    }

    private Path code(String expression) {
        return TestArchive.module(TestArchive.noState(), "class M(Module):\n  def forward(self: __torch__.M,\n"
                + "    x: Tensor) -> Tensor:\n    return " + expression + "\n").write(dir.resolve("deep.pt"));
    }

    @Test
    void deeplyNestedParenthesesAreRefused() throws IOException {
        String msg = refused(code("(".repeat(DEEP) + "x" + ")".repeat(DEEP)));
        assertTrue(msg.contains("code/__torch__.py:4: TorchScript code nested deeper than 200 levels"), msg);
    }

    @Test
    void deeplyNestedUnaryOperatorsAreRefused() throws IOException {
        String msg = refused(code("-".repeat(DEEP) + "x"));
        assertTrue(msg.contains("nested deeper than 200 levels"), msg);
    }

    @Test
    void longOperatorChainsAreRefusedNotOverflowed() throws IOException {
        String msg = refused(code("x" + " + x".repeat(DEEP)));
        assertTrue(msg.contains("deep.pt"), msg);
    }
}

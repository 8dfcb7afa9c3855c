package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output path (the four files and --report) is checked before anything is written: all or none. */
class PartialOutputTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() throws IOException {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.copy(Path.of("testdata/sample/tinynet.onnx"), dir.resolve("tinynet.onnx"));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private String refused(String... options) throws IOException {
        List<String> before = tree();
        String[] args = Stream.concat(Stream.of(dir.resolve("tinynet.onnx").toString(), "inputshape=[1,3,32,32]"),
                Stream.of(options)).toArray(String[]::new);
        assertEquals(1, Main.run(args));
        assertEquals(before, tree(), "nothing written, nothing left");
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, msg.lines().count(), msg);
        return msg;
    }

    @Test
    void anOutputNamingAFolderWritesNothing() throws IOException {
        Files.createDirectory(dir.resolve("folder"));
        for (String key : List.of("ncnnparam", "ncnnbin", "ncnnpy")) {
            err.reset();
            String msg = refused(key + "=" + dir.resolve("folder"));
            assertTrue(msg.contains(key + "= " + dir.resolve("folder") + " is an existing folder: give a file name"), msg);
        }
    }

    @Test
    void aReportUnderAFileWritesNothing() throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        String msg = refused("--report", dir.resolve("plain/sub/r.json").toString());
        assertTrue(msg.contains("--report " + dir.resolve("plain/sub/r.json") + " cannot be written: "
                + dir.resolve("plain") + " is a file, not a folder"), msg);
    }

    @Test
    void aReportNamingAFolderWritesNothing() throws IOException {
        Files.createDirectory(dir.resolve("folder"));
        String msg = refused("--report", dir.resolve("folder").toString());
        assertTrue(msg.contains("--report " + dir.resolve("folder") + " is an existing folder"), msg);
    }

    @Test
    void aReportIntoAMissingFolderIsWrittenWithTheOutputs() throws IOException {
        assertEquals(0, Main.run(dir.resolve("tinynet.onnx").toString(), "inputshape=[1,3,32,32]",
                "--report", dir.resolve("new/r.json").toString()));
        assertTrue(Files.readString(dir.resolve("new/r.json")).contains("\"status\" : \"converted\""));
        assertTrue(Files.exists(dir.resolve("tinynet.ncnn.param")));
    }

    @Test
    void twoOutputsWithOneNameWriteNothing() throws IOException {
        String msg = refused("ncnnparam=" + dir.resolve("x"), "ncnnpy=" + dir.resolve("x"));
        assertTrue(msg.contains("ncnnparam= and ncnnpy= both name " + dir.resolve("x")), msg);
    }
}

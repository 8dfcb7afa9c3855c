package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options as a pnnx user types them: pnnx's device/customop/moduleop, dtype suffixes, help, tolerances. */
class NewcomerOptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private Path model;

    @BeforeEach
    void capture() throws IOException {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        model = Files.copy(Path.of("testdata/sample/tinynet.onnx"), dir.resolve("tinynet.onnx"));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pnnxsDeviceCustomopAndModuleopAreTakenWithANote() {
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]", "device=gpu", "customop=libx.so",
                "moduleop=models.Focus"), stderr());
        assertTrue(stdout().contains("note: device= is ignored: conversion runs no model"), stdout());
        assertTrue(stdout().contains("note: customop= is not applicable"), stdout());
        assertTrue(stdout().contains("note: moduleop= is not applicable"), stdout());
    }

    @Test
    void anUnknownDeviceIsRefused() {
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32,32]", "device=tpu"));
        assertTrue(stderr().contains("bad device=tpu: use device=cpu or device=gpu"), stderr());
    }

    @Test
    void aDtypeSuffixThatDisagreesWithTheModelIsRefused() {
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32,32]i64"));
        assertTrue(stderr().contains("inputshape= gives int64 for input 'in0', which the model declares float32"),
                stderr());
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]f32"), stderr());
    }

    @Test
    void inputshape2ErrorsNameInputshape2() {
        assertEquals(1, Main.run(model.toString(), "inputshape=[1,3,32,32]", "inputshape2=[1,3,32]"));
        assertTrue(stderr().contains("inputshape2= gives [1,3,32] for input"), stderr());
    }

    @Test
    void aCosineAboveOneIsRefused() {
        assertEquals(1, Main.run("compare", model.toString(), "inputshape=[1,3,32,32]", "--cosine", "2"));
        assertTrue(stderr().contains("bad --cosine 2.0: a cosine similarity lies in [-1, 1]"), stderr());
    }

    @Test
    void helpIsACommandAndNamesTorchScript() {
        assertEquals(0, Main.run("help"));
        String help = stdout().replaceAll("\\s+", " ");
        assertTrue(help.contains("or a TorchScript archive (a .pt, .pth or .torchscript file)"), help);
        out.reset();
        assertEquals(0, Main.run("help", "batch"));
        assertTrue(stdout().contains("Usage: pnnx-j batch"), stdout());
    }

    @Test
    void convertIsACommandWithItsOwnHelp() {
        assertEquals(0, Main.run("convert", model.toString(), "inputshape=[1,3,32,32]"), stderr());
        assertTrue(Files.exists(dir.resolve("tinynet.ncnn.param")));
        out.reset();
        assertEquals(0, Main.run("help", "convert"));
        assertTrue(stdout().contains("Usage: pnnx-j convert"), stdout());
        assertTrue(stdout().contains("inputshape=  input shapes"), stdout());
    }

    @Test
    void wrappedOptionLinesKeepTheirColumn() {
        assertEquals(0, Main.run("--help"));
        String footer = stdout().substring(stdout().indexOf("Options as key=value"));
        for (String line : footer.lines().skip(1).takeWhile(l -> !l.isEmpty()).toList()) {
            assertTrue(line.startsWith("  ") && line.length() <= 80, "'" + line + "'");
        }
    }

    @Test
    void everyCommandTakesVerboseAndAMistypedOnePointsToItsOwnHelp() {
        String m = model.toString();
        for (String[] given : new String[][] {{"convert", m}, {"check", "a.param", "a.bin"}, {"compare", m}, {"batch", m}}) {
            String command = given[0];
            List<String> args = new ArrayList<>(List.of(given));
            args.addAll(List.of("--verbose", "--no-such-option"));
            err.reset();
            assertEquals(1, Main.run(args.toArray(new String[0])));
            assertTrue(stderr().contains("Unknown option: '--no-such-option'"), stderr());
            assertTrue(stderr().contains("Try 'pnnx-j " + command + " --help'."), stderr());
        }
    }

    @Test
    void aMissingFileIsSaidInWords() {
        assertEquals(1, Main.run("check", dir.resolve("nosuch.param").toString(), dir.resolve("nosuch.bin").toString()));
        assertTrue(stderr().contains("nosuch.param: no such file or folder"), stderr());
    }

    @Test
    void memlimitHoldsAtTheSecondShapeToo() throws IOException {
        Path dyn = Files.copy(Path.of("testdata/models/dyn_fcn.onnx"), dir.resolve("dyn_fcn.onnx"));
        assertEquals(1, Main.run(dyn.toString(), "inputshape=[1,3,32,32]", "memlimit=1"));
        String first = stderr().replaceAll("(?s).*estimated peak memory (\\d+) bytes.*", "$1");
        err.reset();
        // enough at the first shape, too little at the second, four times as large
        assertEquals(1, Main.run(dyn.toString(), "inputshape=[1,3,32,32]", "inputshape2=[1,3,64,64]", "memlimit=" + first));
        assertTrue(stderr().contains("at input shape [[1,3,64,64]] exceeds memlimit=" + first), stderr());
        assertTrue(Files.notExists(dir.resolve("dyn_fcn.ncnn.param")));
    }
}

package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(help.contains("or a TorchScript archive (.pt, .pth,"), help);
        out.reset();
        assertEquals(0, Main.run("help", "batch"));
        assertTrue(stdout().contains("Usage: pnnx-j batch"), stdout());
    }
}

package dev.pnnxj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputsTest {
    @TempDir
    Path dir;

    @Test
    void nothingAppearsWhenALaterOutputFails() throws IOException {
        Path a = dir.resolve("m.ncnn.param");
        Path b = dir.resolve("m.ncnn.bin");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
                out.write(a, s -> s.write(1));
                out.write(b, s -> {
                    throw new IllegalStateException("boom");
                });
                out.commit();
            }
        });
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temp or partial file is left");
        }
    }

    @Test
    void outputsGetTheUmasksModeNotOwnerOnly() throws IOException {
        Path a = dir.resolve("m.ncnn.param");
        // a plain new file shows what the umask allows; the output must have the same mode
        Path probe = Files.createFile(dir.resolve("probe"));
        try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
            out.write(a, s -> s.write(1));
            out.commit();
        }
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(a));
    }

    @Test
    void foldersMadeForAFailedRunAreRemoved() throws IOException {
        Path a = dir.resolve("new/deeper/m.ncnn.param");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
                out.write(a, s -> {
                    throw new IllegalStateException("boom");
                });
            }
        });
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the folders made for the output are gone");
        }
    }

    @Test
    void aFailedRenameRemovesTheOutputsAlreadyRenamed() throws IOException {
        Path a = dir.resolve("m.ncnn.param");
        Path b = dir.resolve("m.ncnn.bin");
        assertThrows(ConversionException.class, () -> {
            try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
                out.write(a, s -> s.write(1));
                out.write(b, s -> s.write(2));
                // the target turns into a non-empty folder between writing and renaming
                Files.createDirectories(b.resolve("inside"));
                out.commit();
            }
        });
        assertTrue(Files.notExists(a), "the first output was taken back");
    }

    @Test
    void interruptedThreadCommitsNothing() throws IOException {
        Path a = dir.resolve("m.ncnn.param");
        Thread.currentThread().interrupt();
        try {
            ConversionException e = assertThrows(ConversionException.class, () -> {
                try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
                    out.write(a, s -> s.write(1));
                    out.commit();
                }
            });
            assertEquals("interrupted: no output was written", e.getMessage());
        } finally {
            Thread.interrupted();
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void allOutputsAppearOnCommit() throws IOException {
        Path a = dir.resolve("m.ncnn.param");
        Files.writeString(a, "old");
        try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
            out.write(a, s -> s.write('n'));
            assertEquals("old", Files.readString(a), "target untouched until commit");
            out.commit();
        }
        assertEquals("n", Files.readString(a));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesToOverwriteTheInputModel() throws IOException {
        Path model = dir.resolve("m.onnx");
        Files.writeString(model, "model");
        try (AtomicOutputs out = new AtomicOutputs(Set.of(model))) {
            ConversionException e = assertThrows(ConversionException.class,
                    () -> out.write(dir.resolve("./m.onnx"), s -> s.write(1)));
            assertTrue(e.getMessage().contains("refusing to overwrite the input"));
        }
        assertEquals("model", Files.readString(model));
    }
}

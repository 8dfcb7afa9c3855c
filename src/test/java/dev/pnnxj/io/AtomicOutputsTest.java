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
    @Test
    void concurrentRunsShareTheFolderTheyBothNeed() throws Exception {
        // batch jobs=N: conversions of two models in one zoo folder create its output folder at once;
        // half of them fail, and a failure removes only the (empty) folders it made itself
        int runs = 64;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < runs; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    Path target = dir.resolve("zoo/conv/m" + n + ".ncnn.param");
                    try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
                        out.write(target, s -> {
                            if (n % 2 == 1) {
                                throw new IllegalStateException("this model fails");
                            }
                            s.write(n);
                        });
                        out.commit();
                        return true;
                    } catch (IllegalStateException expected) {
                        return false;
                    }
                }));
            }
            start.countDown();
            for (int i = 0; i < runs; i++) {
                assertEquals(i % 2 == 0, futures.get(i).get(), "run " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < runs; i += 2) {
            assertTrue(Files.isRegularFile(dir.resolve("zoo/conv/m" + i + ".ncnn.param")), "m" + i);
        }
    }

    @Test
    void aPipeTargetIsWrittenIntoNotReplaced() throws Exception {
        // ncnnpy=/dev/null or a named pipe: a rename would put a plain file in its place
        Path pipe = dir.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo is available");
        var received = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(pipe).length;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicOutputs.check(java.util.Map.of("ncnnpy=", pipe), Set.of());
        try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
            out.write(pipe, s -> s.write(new byte[1000]));
            out.commit();
        }
        assertEquals(1000, received.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.exists(pipe) && !Files.isRegularFile(pipe), "the pipe is still a pipe");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file beside it");
        }
    }
}

package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conversion stopped while writing leaves nothing under --out: no outputs, no temporary files. */
class InterruptedConversionTest {
    private static final BatchJob TINY_CNN = new BatchJob(Path.of("testdata/models/tiny_cnn.onnx"), "m/tiny_cnn.onnx", List.of());

    @TempDir
    Path out;

    /**
     * Interrupts conversions at many moments (reading, lowering, writing, done): whatever the
     * moment, a model's outputs are either all there and complete or absent, with no temporary
     * file left.
     */
    @Test
    void interruptAtAnyMomentLeavesAllOrNothing() throws Exception {
        Path ref = out.resolve("ref");
        assertEquals(ModelReport.Status.CONVERTED, BatchRunner.convert(TINY_CNN, new BatchRunner.Settings(ref, List.of(), 1, false)).status());
        List<String> complete = files(ref);
        assertEquals(4, complete.size());
        // interrupted before it starts: certainly cut short, whatever the timing below does
        Path early = out.resolve("early");
        AtomicReference<ModelReport> first = new AtomicReference<>();
        Thread pre = new Thread(() -> {
            Thread.currentThread().interrupt();
            first.set(BatchRunner.convert(TINY_CNN, new BatchRunner.Settings(early, List.of(), 1, false)));
        });
        pre.start();
        pre.join();
        assertFalse(first.get().ok(), "a conversion interrupted from the start completed");
        assertEquals(List.of(), Files.exists(early) ? files(early) : List.of());
        for (int delayMicros = 0; delayMicros <= 60_000; delayMicros += 2_000) {
            Path dir = out.resolve("run" + delayMicros);
            AtomicReference<ModelReport> report = new AtomicReference<>();
            Thread t = new Thread(() -> report.set(BatchRunner.convert(TINY_CNN, new BatchRunner.Settings(dir, List.of(), 1, false))));
            t.start();
            Thread.sleep(delayMicros / 1000, (delayMicros % 1000) * 1000);
            t.interrupt();
            t.join();
            List<String> written = Files.exists(dir) ? files(dir) : List.of();
            if (report.get().ok()) {
                assertEquals(complete, written);
                for (String f : written) {
                    assertEquals(-1L, Files.mismatch(ref.resolve(f), dir.resolve(f)), f);
                }
            } else {
                assertEquals(List.of(), written, report.get().message());
            }
        }
    }

    @Test
    void failureDuringALaterOutputRemovesTheEarlierOnes() throws IOException {
        Files.createDirectories(out.resolve("m"));
        Files.writeString(out.resolve("m/blocker"), "a file where the script's directory should be");
        // the script cannot be created under a regular file: found before .param and .bin are written
        BatchJob job = new BatchJob(TINY_CNN.model(), TINY_CNN.relative(), List.of("ncnnparam=" + out.resolve("m/a.param"),
                "ncnnbin=" + out.resolve("m/a.bin"), "ncnnpy=" + out.resolve("m/blocker/a.py")));
        ModelReport r = BatchRunner.convert(job, new BatchRunner.Settings(null, List.of(), 1, false));
        assertEquals(ModelReport.Status.FAILED, r.status());
        assertTrue(r.message().endsWith("m/blocker is a file, not a folder"), r.message());
        assertEquals(List.of("m/blocker"), files());
    }

    private List<String> files() throws IOException {
        return files(out);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}

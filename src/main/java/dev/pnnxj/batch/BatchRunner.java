package dev.pnnxj.batch;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.convert.Frontends;
import dev.pnnxj.ncnn.MemoryEstimate;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.report.HtmlReport;
import dev.pnnxj.verify.ModelComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Converts the models of a batch on a fixed pool of threads, one model per task, and carries on
 * past failures. Reports come back in the order of the job list whatever the thread timing.
 */
public final class BatchRunner {
    /**
     * @param outDir        root for outputs (mirroring each model's relative path), or null to write
     *                      next to each model
     * @param commonOptions {@code key=value} options for every model; a model's own options win
     * @param jobs          models converted at a time
     * @param verify        run each converted ONNX model and its ncnn conversion on the same random
     *                      inputs ({@link ModelComparison}); past tolerance fails the model
     * @param html          write each model's HTML page beside its .param ({@link HtmlReport#batchPage})
     */
    public record Settings(Path outDir, List<String> commonOptions, int jobs, boolean verify, boolean html) {
        public Settings {
            if (jobs < 1) {
                throw new ConversionException("bad --jobs " + jobs + ": use 1 or more");
            }
            commonOptions = List.copyOf(commonOptions);
        }

        /** Settings without HTML pages. */
        public Settings(Path outDir, List<String> commonOptions, int jobs, boolean verify) {
            this(outDir, commonOptions, jobs, verify, false);
        }
    }

    /** Told as each model finishes (from worker threads). */
    public interface Listener {
        void finished(ModelReport report);
    }

    private BatchRunner() {
    }

    public static List<ModelReport> run(List<BatchJob> jobs, Settings settings, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        Thread cancel = new Thread(() -> cancel(pool), "pnnx-j batch cancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        try {
            List<Future<ModelReport>> futures = new ArrayList<>();
            for (BatchJob job : jobs) {
                futures.add(pool.submit(() -> {
                    ModelReport r = convert(job, settings);
                    listener.finished(r);
                    return r;
                }));
            }
            List<ModelReport> reports = new ArrayList<>();
            for (Future<ModelReport> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversionException("batch interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch task failed outside its conversion", e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the workers
            }
        }
    }

    /**
     * On Ctrl-C or SIGTERM: interrupts the workers, whose conversions then commit nothing, and
     * gives them a moment to delete their temporary files before the JVM halts.
     */
    private static void cancel(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Converts one model; every failure becomes a report, never an exception. */
    static ModelReport convert(BatchJob job, Settings settings) {
        long start = System.nanoTime();
        HtmlReport page = null;
        try {
            ConvertOptions o = ConvertOptions.parse(job.model(), merge(settings.commonOptions(), job.options()));
            if (settings.outDir() != null) {
                o = o.withOutputDir(outputDir(settings.outDir(), job.relative()));
            }
            page = settings.html() ? HtmlReport.forConversion(HtmlReport.batchPage(o), o) : null;
            Converter.Result r = page == null ? Converter.convert(o)
                    : Converter.convert(o, List.of(page.output()), page);
            ModelComparison.Result check = settings.verify() && isOnnx(job.model())
                    ? ModelComparison.compare(o.model(), o.inputShapes(), o.ncnnParam(), o.ncnnBin(),
                            ModelComparison.Options.defaults(o.fp16()))
                    : null;
            boolean pass = check == null || check.pass();
            return new ModelReport(job.relative(), pass ? ModelReport.Status.CONVERTED : ModelReport.Status.FAILED,
                    pass ? 0 : 1, pass ? "" : pastTolerance(check), seconds(start), r.model().layers.size(),
                    r.manifest().binSize(), MemoryEstimate.of(r.model()).peakBytes(), r.passesApplied(), histogram(r),
                    check == null ? null : maxError(check), page == null ? null : page.file().toString());
        } catch (ConversionException e) {
            ModelReport.Status status = e.exitCode() == 2 ? ModelReport.Status.UNSUPPORTED : ModelReport.Status.FAILED;
            ModelReport failed = failure(job, status, e.exitCode(), e.getMessage(), start);
            return page == null ? failed : withFailurePage(failed, page, e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // an internal error in one model must not stop the others
            return failure(job, ModelReport.Status.FAILED, 3, "internal error: " + e, start);
        }
    }

    /**
     * Where a model's outputs go under {@code --out}: its relative directory, without the leading
     * {@code ..} steps or root a list file's entries may have, so nothing lands outside {@code --out}.
     */
    static Path outputDir(Path outDir, String relative) {
        Path rel = Path.of(relative).normalize();
        int first = 0;
        while (first < rel.getNameCount() - 1 && rel.getName(first).toString().equals("..")) {
            first++;
        }
        Path dir = rel.subpath(first, rel.getNameCount()).getParent();
        return dir == null ? outDir : outDir.resolve(dir.toString());
    }

    private static boolean isOnnx(Path model) {
        // by content, as the converter picks its reader
        return Files.isRegularFile(model) && !Frontends.isZip(model);
    }

    /** The largest absolute difference over every output. */
    private static double maxError(ModelComparison.Result check) {
        return check.outputs().stream().mapToDouble(out -> out.metrics().maxAbs()).max().orElse(0);
    }

    private static String pastTolerance(ModelComparison.Result check) {
        StringBuilder sb = new StringBuilder("converted, but ncnn's outputs differ from onnxruntime's:");
        for (ModelComparison.OutputResult out : check.outputs()) {
            if (!out.pass()) {
                sb.append(String.format(java.util.Locale.ROOT, " %s (cosine %.6f, max rel %.3g, max abs %.3g)",
                        out.name(), out.metrics().cosine(), out.metrics().maxRel(), out.metrics().maxAbs()));
            }
        }
        if (check.firstDivergingLayer() != null) {
            sb.append("; first diverging layer ").append(check.firstDivergingLayer());
        }
        return sb.toString();
    }

    /** The report of a failed model with its page showing why, when that page can be written. */
    private static ModelReport withFailurePage(ModelReport r, HtmlReport page, ConversionException e) {
        try {
            page.writeFailed(e);
        } catch (ConversionException unwritable) {
            return r;
        }
        return new ModelReport(r.path(), r.status(), r.exitCode(), r.message(), r.seconds(), 0, 0, 0, List.of(),
                Map.of(), null, page.file().toString());
    }

    private static ModelReport failure(BatchJob job, ModelReport.Status status, int exitCode, String message, long start) {
        return new ModelReport(job.relative(), status, exitCode, message, seconds(start), 0, 0, 0, List.of(), Map.of(), null);
    }

    /** Common options overridden key by key by the model's own. */
    static List<String> merge(List<String> common, List<String> own) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String kv : common) {
            byKey.put(key(kv), kv);
        }
        for (String kv : own) {
            byKey.remove(key(kv));
        }
        List<String> merged = new ArrayList<>(byKey.values());
        merged.addAll(own);
        return merged;
    }

    private static String key(String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? kv : kv.substring(0, eq);
    }

    private static Map<String, Integer> histogram(Converter.Result r) {
        Map<String, Integer> hist = new TreeMap<>();
        for (NcnnLayer l : r.model().layers) {
            hist.merge(l.type(), 1, Integer::sum);
        }
        return hist;
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }
}

package dev.pnnxj.batch;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.io.IoMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the models of a batch, sorted by relative path so that every run (and every shard) sees
 * the same order. A directory is searched recursively for .onnx, .pt, .pth and .torchscript files, each with
 * optional options in a sidecar {@code <model>.pnnxj}; a list file names one model per line,
 * followed by its options, relative to the list file.
 */
public final class ModelList {
    /** Extension of the per-model options file placed next to a model. */
    public static final String SIDECAR = ".pnnxj";
    private static final List<String> MODEL_EXTENSIONS = List.of(".onnx", ".pt", ".pth", ".torchscript");

    private ModelList() {
    }

    /** Reads {@code source}: a directory to search, or a list file. */
    public static List<BatchJob> read(Path source) {
        try {
            List<BatchJob> jobs = Files.isDirectory(source) ? scan(source) : parseList(source);
            if (jobs.isEmpty()) {
                throw new ConversionException("no models found in " + source + (Files.isDirectory(source)
                        ? " (searched for " + String.join(", ", MODEL_EXTENSIONS) + " files)" : " (the list names none)")
                        + ": check the path");
            }
            jobs.sort(Comparator.comparing(BatchJob::relative));
            checkDistinctOutputs(jobs);
            return jobs;
        } catch (IOException e) {
            throw new ConversionException("cannot read " + source + ": " + IoMessages.reason(e), e);
        }
    }

    /**
     * Refuses two models that would write the same default outputs ({@code a.onnx} and {@code a.pt}
     * in one folder both write {@code a.ncnn.param}) before either is converted; a model with its
     * own {@code ncnnparam=} is left to the converter's checks.
     */
    private static void checkDistinctOutputs(List<BatchJob> jobs) {
        Map<String, String> byOutput = new HashMap<>();
        for (BatchJob job : jobs) {
            if (job.options().stream().anyMatch(o -> o.startsWith("ncnnparam="))) {
                continue;
            }
            int slash = job.relative().lastIndexOf('/');
            String folder = slash < 0 ? "" : job.relative().substring(0, slash + 1);
            String output = folder + ConvertOptions.baseName(job.model()) + ".ncnn.param";
            String other = byOutput.putIfAbsent(output, job.relative());
            if (other != null) {
                throw new ConversionException(other + " and " + job.relative() + " would both write " + output
                        + ": rename one, or give one its own ncnnparam=, ncnnbin= and ncnnpy= in its " + SIDECAR
                        + " file or list line");
            }
        }
    }

    private static List<BatchJob> scan(Path dir) throws IOException {
        List<BatchJob> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).filter(ModelList::isModel)::iterator) {
                jobs.add(new BatchJob(p, relative(dir, p), sidecarOptions(p)));
            }
        }
        return jobs;
    }

    static boolean isModel(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return MODEL_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static List<String> sidecarOptions(Path model) throws IOException {
        Path sidecar = model.resolveSibling(model.getFileName() + SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(sidecar)) {
            options.addAll(words(line));
        }
        return options;
    }

    private static List<BatchJob> parseList(Path listFile) throws IOException {
        Path base = listFile.toAbsolutePath().getParent();
        List<BatchJob> jobs = new ArrayList<>();
        List<String> lines = Files.readAllLines(listFile);
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = words(lines.get(i));
            if (words.isEmpty()) {
                continue;
            }
            Path given = Path.of(words.get(0));
            Path model = given.isAbsolute() ? given : base.resolve(given).normalize();
            String name = given.isAbsolute() ? given.toString().replace('\\', '/') : relative(base, model);
            jobs.add(new BatchJob(model, name, List.copyOf(words.subList(1, words.size()))));
        }
        return jobs;
    }

    /** The words of one line, without a {@code #} comment. */
    private static List<String> words(String line) {
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    private static String relative(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}

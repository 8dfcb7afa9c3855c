package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.verify.ModelComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pnnx-j compare model.onnx [key=value ...]}: runs the model in onnxruntime and its ncnn
 * conversion (given, or converted into a temporary folder) in the reference executor on the same
 * inputs, and prints how far each output is. Exit 1 when an output is past tolerance.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs an ONNX model and its ncnn conversion on the same inputs and compares the outputs.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx model")
    Path model;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "conversion options, as for converting")
    List<String> options = List.of();

    @Option(names = "--param", paramLabel = "P", description = "ncnn .param to compare (default: convert now)")
    Path param;

    @Option(names = "--bin", paramLabel = "B", description = "ncnn .bin to compare (with --param)")
    Path bin;

    @Option(names = "--input", paramLabel = "NAME=FILE.npy", description = "input values (default: seeded normal random)")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--atol", paramLabel = "A", description = "max absolute error (default: unchecked)")
    Double atol;

    @Option(names = "--rtol", paramLabel = "R", description = "max error / max|ref| (default 1e-3, fp16: 1e-2)")
    Double rtol;

    @Option(names = "--cosine", paramLabel = "C", description = "min cosine similarity (default 0.9999, fp16: 0.999)")
    Double cosine;

    @Option(names = "--blobs", description = "compare every blob and name the first diverging layer")
    boolean blobs;

    @Option(names = "--seed", paramLabel = "S", description = "random input seed (default 0)")
    long seed;

    @Mixin
    VerboseOption verbose;


    @Override
    public Integer call() throws IOException {
        if ((param == null) != (bin == null)) {
            throw new ConversionException("give --param and --bin together, or neither to convert " + model);
        }
        if (param == null) {
            Path dir = Files.createTempDirectory("pnnx-j-compare");
            try {
                List<String> kv = new ArrayList<>(options);
                kv.add("ncnnparam=" + dir.resolve("model.ncnn.param"));
                kv.add("ncnnbin=" + dir.resolve("model.ncnn.bin"));
                kv.add("ncnnpy=" + dir.resolve("model_ncnn.py"));
                ConvertOptions o = ConvertOptions.parse(model, kv);
                Converter.convert(o);
                return compare(o, o.ncnnParam(), o.ncnnBin(), o.fp16());
            } finally {
                deleteTree(dir);
            }
        }
        ConvertOptions o = ConvertOptions.parse(model, options);
        return compare(o, param, bin, storedFp16(bin));
    }

    private int compare(ConvertOptions o, Path p, Path b, boolean fp16) {
        ModelComparison.Options d = ModelComparison.Options.defaults(fp16);
        ModelComparison.Options opts = new ModelComparison.Options(inputs, seed,
                cosine != null ? cosine : d.minCosine(), rtol != null ? rtol : d.maxRel(),
                atol != null ? atol : d.maxAbs(), blobs);
        ModelComparison.Result r = ModelComparison.compare(model, o.inputShapes(), p, b, opts);
        PrintWriter out = spec.commandLine().getOut();
        for (ModelComparison.OutputResult e : r.outputs()) {
            out.printf("%s %s %s%n", e.pass() ? "ok  " : "FAIL", e.name(), e.metrics());
        }
        if (r.firstDivergingLayer() != null) {
            out.println("first diverging " + r.firstDivergingLayer());
        }
        out.printf("%s (cosine >= %s, max_rel <= %s%s)%n", r.pass() ? "match" : "MISMATCH", opts.minCosine(),
                opts.maxRel(), atol != null ? ", max_abs <= " + atol : "");
        out.flush();
        return r.pass() ? 0 : 1;
    }

    /** Whether the manifest next to a given .bin says its weights are fp16 (tolerances depend on it). */
    private static boolean storedFp16(Path bin) throws IOException {
        Path m = bin.resolveSibling(bin.getFileName() + ".json");
        return Files.isRegularFile(m) && Manifest.read(m).fp16();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.convert.Frontends;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.verify.ModelComparison;
import dev.pnnxj.verify.OnnxRuntimeReference;
import dev.pnnxj.verify.Reference;
import dev.pnnxj.verify.SavedOutputs;
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
 * {@code pnnx-j compare model.onnx|model.pt [key=value ...]}: runs the model's ncnn conversion
 * (given, or converted into a temporary folder) in the reference executor and compares its
 * outputs with a reference: the .onnx model itself in onnxruntime, an ONNX export of the same
 * network ({@code --reference}), or saved outputs ({@code --expect}). A TorchScript model needs
 * one of the last two (exit 2 otherwise). Exit 1 when an output is past tolerance.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a model's ncnn conversion and compares its outputs with a reference: by default the"
                + " .onnx MODEL itself in onnxruntime; --reference (the same network exported to ONNX) or --expect"
                + " (saved outputs) give another, and a TorchScript MODEL needs one of them.",
                "Inputs and outputs pair by position: in0 with the reference's first input, out0 with its first"
                + " output."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx or TorchScript (.pt) model")
    Path model;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "conversion options, as for converting")
    List<String> options = List.of();

    @Option(names = "--param", paramLabel = "P", description = "ncnn .param to compare (default: convert now)")
    Path param;

    @Option(names = "--bin", paramLabel = "B", description = "ncnn .bin to compare (with --param)")
    Path bin;

    @Option(names = "--input", paramLabel = "NAME=FILE.npy", description = "input values (default: seeded normal random)")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--reference", paramLabel = "REF.onnx",
            description = "the same network exported to ONNX, run in onnxruntime as the reference")
    Path reference;

    @Option(names = "--expect", paramLabel = "FILE.npy", description = "saved reference output, once per output"
            + " in order (out0 first); needs every input given with --input")
    List<Path> expect = new ArrayList<>();

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


    /** A cosine is at most 1 and errors are not negative: a bound outside would pass or fail everything. */
    private void checkTolerances() {
        if (cosine != null && !(cosine >= -1 && cosine <= 1)) {
            throw new ConversionException("bad --cosine " + cosine + ": a cosine similarity lies in [-1, 1];"
                    + " give for example --cosine 0.9999");
        }
        if (atol != null && !(atol >= 0)) {
            throw new ConversionException("bad --atol " + atol + ": give a tolerance of 0 or more");
        }
        if (rtol != null && !(rtol >= 0)) {
            throw new ConversionException("bad --rtol " + rtol + ": give a tolerance of 0 or more");
        }
    }

    @Override
    public Integer call() throws IOException {
        checkTolerances();
        if (reference != null && !expect.isEmpty()) {
            throw new ConversionException("give --reference or --expect, not both");
        }
        if (reference == null && expect.isEmpty() && !isOnnx(model)) {
            throw new ConversionException(model + " is not an ONNX model, so onnxruntime cannot run it as the"
                    + " reference: give the same network exported to ONNX with --reference REF.onnx, or its saved"
                    + " outputs with --expect out0.npy (and its inputs with --input)", 2, null);
        }
        if (blobs && (reference != null || !expect.isEmpty())) {
            // before converting, which may take a while
            throw ModelComparison.blobsNeedTheModel(reference != null ? "the ONNX model " + reference : "--expect");
        }
        if (reference != null && !Files.isRegularFile(reference)) {
            throw new ConversionException("--reference " + reference + ": no such file");
        }
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
                return compare(o, o.ncnnParam(), o.ncnnBin(), o.fp16(), "converted with fp16=" + (o.fp16() ? 1 : 0));
            } finally {
                deleteTree(dir);
            }
        }
        ConvertOptions o = ConvertOptions.parse(model, options);
        Path manifest = manifestOf(bin);
        if (!Files.isRegularFile(manifest)) {
            return compare(o, param, bin, false, "no weight manifest " + manifest.getFileName() + " beside the .bin, so"
                    + " fp32 weights are assumed");
        }
        boolean fp16 = Manifest.read(manifest).fp16();
        return compare(o, param, bin, fp16, "the weight manifest says " + (fp16 ? "fp16" : "fp32"));
    }

    /**
     * Compares and prints each output, the first diverging layer and the verdict with the
     * tolerances that applied: each marked given or default, and the defaults' reason (fp16
     * weights get looser ones), since a silent switch reads as a flaky result.
     */
    private int compare(ConvertOptions o, Path p, Path b, boolean fp16, String weightsFrom) {
        ModelComparison.Options d = ModelComparison.Options.defaults(fp16);
        ModelComparison.Options opts = new ModelComparison.Options(inputs, seed,
                cosine != null ? cosine : d.minCosine(), rtol != null ? rtol : d.maxRel(),
                atol != null ? atol : d.maxAbs(), blobs);
        ModelComparison.Result r = run(o, p, b, opts);
        PrintWriter out = spec.commandLine().getOut();
        for (ModelComparison.OutputResult e : r.outputs()) {
            String paired = e.name().equals(e.blob()) ? e.blob() : e.blob() + " vs " + e.name();
            out.printf("%s %s %s%n", e.pass() ? "ok  " : "FAIL", paired, e.metrics());
        }
        if (r.firstDivergingLayer() != null) {
            out.println("first diverging " + r.firstDivergingLayer());
        }
        List<String> defaulted = new ArrayList<>();
        List<String> given = new ArrayList<>();
        (cosine == null ? defaulted : given).add("cosine >= " + opts.minCosine());
        (rtol == null ? defaulted : given).add("max_rel <= " + opts.maxRel());
        if (atol != null) {
            given.add("max_abs <= " + atol);
        }
        List<String> groups = new ArrayList<>();
        if (!defaulted.isEmpty()) {
            groups.add(String.join(", ", defaulted) + ": " + (fp16 ? "fp16" : "fp32") + " defaults, " + weightsFrom);
        }
        if (!given.isEmpty()) {
            groups.add(String.join(", ", given) + " given");
        }
        out.printf("%s (%s)%n", r.pass() ? "match" : "MISMATCH", String.join("; ", groups));
        out.flush();
        return r.pass() ? 0 : 1;
    }

    private ModelComparison.Result run(ConvertOptions o, Path p, Path b, ModelComparison.Options opts) {
        if (reference == null && expect.isEmpty()) {
            return ModelComparison.compare(model, o.inputShapes(), p, b, opts);
        }
        try (Reference ref = reference != null ? OnnxRuntimeReference.open(reference) : SavedOutputs.read(expect)) {
            return ModelComparison.compare(ref, o.inputShapes(), p, b, opts);
        }
    }

    private static boolean isOnnx(Path model) {
        // by content, as the converter picks its reader
        return Files.isRegularFile(model) && !Frontends.isZip(model);
    }

    /** The weight manifest beside a .bin, which says whether its weights are fp16 (tolerances depend on it). */
    private static Path manifestOf(Path bin) {
        return bin.resolveSibling(bin.getFileName() + ".json");
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

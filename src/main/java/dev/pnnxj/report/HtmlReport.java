package dev.pnnxj.report;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.io.AtomicOutputs;
import dev.pnnxj.verify.ModelComparison;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One {@code --html} page as the CLI writes it. Its path is checked before anything is written; a
 * converted model's page is committed with its ncnn files (so neither appears without the other),
 * a failed conversion's page alone, and a comparison's after comparing. Each page is written to a
 * temporary file and renamed into place, never over the model.
 */
public final class HtmlReport extends ConversionTrace {
    private final Path file;
    private final Path model;
    private final boolean withConversion;

    private HtmlReport(Path file, Path model, boolean withConversion) {
        this.file = file;
        this.model = model;
        this.withConversion = withConversion;
    }

    /** A converted model's page, written by {@link Converter#convert(ConvertOptions, Converter.Trace)} with its ncnn files. */
    public static HtmlReport forConversion(Path file, ConvertOptions o) {
        check(file, o);
        return new HtmlReport(file, o.model(), true);
    }

    /**
     * A comparison's page: the trace only watches the conversion (if compare makes one); a
     * {@code writeCompared} writes it. {@code inputs} are further files it must not replace (a given .param and .bin).
     */
    public static HtmlReport forComparison(Path file, ConvertOptions o, Path... inputs) {
        check(file, o);
        for (Path p : inputs) {
            if (file.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())) {
                throw new ConversionException("--html " + file + " is also an input: choose another name");
            }
        }
        return new HtmlReport(file, o.model(), false);
    }

    /** Where a batch writes a model's page: beside its .param, {@code x.ncnn.param} giving {@code x.ncnn.html}. */
    public static Path batchPage(ConvertOptions o) {
        String name = o.ncnnParam().getFileName().toString();
        String base = name.endsWith(".param") ? name.substring(0, name.length() - ".param".length()) : name;
        return o.ncnnParam().resolveSibling(base + ".html");
    }

    /** The page's path. */
    public Path file() {
        return file;
    }

    /** Refuses a page path that is a directory, the model, or one of the conversion's outputs. */
    static void check(Path file, ConvertOptions o) {
        if (Files.isDirectory(file)) {
            throw new ConversionException("--html " + file + " is a directory: give a file name");
        }
        Path f = file.toAbsolutePath().normalize();
        for (Path taken : List.of(o.model(), o.ncnnParam(), o.ncnnBin(), o.manifest(), o.ncnnPy())) {
            if (f.equals(taken.toAbsolutePath().normalize())) {
                throw new ConversionException("--html " + file + " is also " + (taken.equals(o.model())
                        ? "the input model" : "an output of the conversion") + ": choose another name");
            }
        }
    }

    @Override
    public void write(AtomicOutputs out, Converter.Result r) {
        if (withConversion) {
            String page = HtmlPage.render(ReportBuilder.converted(model, r, this));
            out.write(file, s -> s.write(page.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Writes the page of a conversion that failed. */
    public void writeFailed(ConversionException e) {
        writeAlone(HtmlPage.render(ReportBuilder.failed(model, e, this)));
    }

    /** Writes the page of a comparison: the converted graph with each blob's error. */
    public void writeCompared(Converter.Result converted, ModelComparison.Result compared) {
        writeAlone(HtmlPage.render(ReportBuilder.compared(ReportBuilder.converted(model, converted, this), compared)));
    }

    /** Writes the page of a comparison of given ncnn files: their graph (no source nodes) with each blob's error. */
    public void writeCompared(Path param, Path bin, ModelComparison.Result compared) {
        writeAlone(HtmlPage.render(ReportBuilder.compared(ReportBuilder.fromFiles(model, param, bin), compared)));
    }

    private void writeAlone(String page) {
        try (AtomicOutputs out = new AtomicOutputs(Set.of(model))) {
            out.write(file, s -> s.write(page.getBytes(StandardCharsets.UTF_8)));
            out.commit();
        }
    }
}

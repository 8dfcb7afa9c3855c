package dev.pnnxj.report;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.io.AtomicOutputs;
import dev.pnnxj.verify.ModelComparison;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /** A converted model's page, written by {@link Converter#convert} with its ncnn files as {@link #output()}. */
    public static HtmlReport forConversion(Path file, ConvertOptions o) {
        Map<String, Path> targets = o.outputs();
        targets.put("--html", file);
        AtomicOutputs.check(targets, Set.of(o.model()));
        return new HtmlReport(file, o.model(), true);
    }

    /**
     * A comparison's page: the trace only watches the conversion (if compare makes one, into
     * files of its own); a {@code writeCompared} writes it. {@code inputs} are further files it
     * must not replace (a given .param and .bin).
     */
    public static HtmlReport forComparison(Path file, ConvertOptions o, Path... inputs) {
        Set<Path> protectedInputs = new HashSet<>(List.of(inputs));
        protectedInputs.add(o.model());
        AtomicOutputs.check(Map.of("--html", file), protectedInputs);
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

    /** The converted model's page as an output committed with the ncnn files (so neither appears without the other). */
    public Converter.ExtraOutput output() {
        if (!withConversion) {
            throw new IllegalStateException("a comparison's page is written after comparing");
        }
        return new Converter.ExtraOutput("--html", file, r -> {
            String page = HtmlPage.render(ReportBuilder.converted(model, r, this));
            return s -> s.write(page.getBytes(StandardCharsets.UTF_8));
        });
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

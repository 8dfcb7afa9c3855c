package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a conversion takes on the command line, shared by {@code pnnx-j MODEL ...} (pnnx's form)
 * and {@code pnnx-j convert MODEL ...}, so both spell and behave the same.
 */
final class ConvertArgs {
    // optional so that picocli accepts a subcommand in its place
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .onnx, .pt, .pth or .torchscript model to convert")
    Path model;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "pnnx-style options (see below)")
    List<String> options = List.of();

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write what happened as JSON: passes, layers, blobs, weight bytes, or every unsupported node")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "also write one self-contained HTML page of the"
            + " ncnn graph: each layer's params, shapes, weights and source nodes, or the unsupported nodes")
    Path html;

    /** Converts and prints the summary; exit code 0 (failures are thrown, after writing a failure's page). */
    int run(PrintWriter out) {
        if (model == null) {
            throw new ConversionException("give the model to convert, or a command (convert, check, compare, batch, help);"
                    + " see pnnx-j --help");
        }
        ConvertOptions o = ConvertOptions.parse(model, options);
        List<Converter.ExtraOutput> extras = new ArrayList<>();
        if (report != null) {
            extras.add(new Converter.ExtraOutput("--report", report, r -> s -> Report.write(s, Report.converted(r))));
        }
        HtmlReport page = html == null ? null : HtmlReport.forConversion(html, o);
        if (page != null) {
            extras.add(page.output());
        }
        Converter.Result r;
        try {
            r = Converter.convert(o, extras, page == null ? Converter.NO_TRACE : page);
        } catch (ConversionException e) {
            if (page != null) {
                page.writeFailed(e);
            }
            throw e;
        }
        Summary.print(r, out);
        return 0;
    }
}

package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    /** Converts and prints the summary; exit code 0 (failures are thrown). */
    int run(PrintWriter out) {
        if (model == null) {
            throw new ConversionException("give the model to convert, or a command (convert, check, compare, batch, help);"
                    + " see pnnx-j --help");
        }
        ConvertOptions o = ConvertOptions.parse(model, options);
        List<Converter.ExtraOutput> extras = report == null ? List.of()
                : List.of(new Converter.ExtraOutput("--report", report, r -> s -> Report.write(s, Report.converted(r))));
        Summary.print(Converter.convert(o, extras), out);
        return 0;
    }
}

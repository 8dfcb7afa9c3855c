package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.io.AtomicOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pnnx-j model.onnx [key=value ...]}: converts a model to ncnn, taking pnnx's options;
 * {@code pnnx-j check} and {@code pnnx-j compare} verify a conversion.
 * Exit codes: 0 converted, 1 bad input or options, 2 unsupported nodes, 3 internal error.
 */
@Command(name = "pnnx-j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, subcommands = {CheckCommand.class, CompareCommand.class, BatchCommand.class, CommandLine.HelpCommand.class},
        description = "Converts an ONNX model (.onnx) or a TorchScript archive (.pt, .pth, .torchscript) to ncnn's"
                + " .param and .bin.",
        footerHeading = "%nOptions as key=value, as pnnx takes them:%n")
public final class Main implements Callable<Integer> {
    // optional so that picocli accepts a subcommand in its place
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .onnx, .pt, .pth or .torchscript model to convert")
    Path model;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "pnnx-style options (see below)")
    List<String> options = List.of();

    @Mixin
    VerboseOption verbose;

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write what happened as JSON: passes, layers, blobs, weight bytes, or every unsupported node")
    Path report;


    @Override
    public Integer call() {
        if (model == null) {
            throw new ConversionException("give the model to convert, or a command (check, compare, batch, help); see pnnx-j --help");
        }
        ConvertOptions o = ConvertOptions.parse(model, options);
        List<Converter.ExtraOutput> extras = report == null ? List.of()
                : List.of(new Converter.ExtraOutput("--report", report, r -> s -> Report.write(s, Report.converted(r))));
        Converter.Result r = Converter.convert(o, extras);
        Summary.print(r, new PrintWriter(System.out, true));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.getCommandSpec().usageMessage().footer(footer());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd));
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("pnnx-j: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'pnnx-j --help'.");
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the heap is the JVM's default share of RAM unless set; say how to raise it, not a stack trace
            cl.getErr().println("pnnx-j: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); nothing was written. Give the JVM more with PNNXJ_JAVA_OPTS=-Xmx4g (or more)");
            cl.getErr().flush();
            return 3;
        }
    }

    private static int handle(Exception ex, CommandLine cmd) {
        boolean verbose = VerboseOption.of(cmd);
        PrintWriter err = cmd.getErr();
        if (ex instanceof ConversionException ce) {
            err.println("pnnx-j: " + ce.getMessage());
            if (cmd.getCommand() instanceof Main main && main.report != null) {
                writeFailureReport(main.report, ce, err);
            }
            if (verbose) {
                ce.printStackTrace(err);
            }
            return ce.exitCode();
        }
        err.println("pnnx-j: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        return 3;
    }

    /** The failure as JSON, unless the report path itself is what failed (that message was just printed). */
    private static void writeFailureReport(Path report, ConversionException failure, PrintWriter err) {
        try (AtomicOutputs out = new AtomicOutputs(Set.of())) {
            AtomicOutputs.check(Map.of("--report", report), Set.of());
            out.write(report, s -> Report.write(s, Report.failed(failure)));
            out.commit();
        } catch (ConversionException e) {
            if (!failure.getMessage().equals(e.getMessage())) {
                err.println("pnnx-j: " + e.getMessage());
            }
        }
    }

    private static String[] footer() {
        List<String> lines = new ArrayList<>();
        ConvertOptions.KEYS.forEach((k, v) -> lines.add(String.format("  %-12s %s", k + "=", v)));
        lines.add("");
        lines.add("Exit codes: 0 converted, 1 bad input or options, 2 unsupported nodes,");
        lines.add("3 internal error.");
        return lines.toArray(new String[0]);
    }

    /** Reads the version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pnnx-j " + (v == null ? "dev" : v)};
        }
    }

}

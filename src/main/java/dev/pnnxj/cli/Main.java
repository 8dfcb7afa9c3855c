package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
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

/**
 * {@code pnnx-j model.onnx [key=value ...]}: converts a model to ncnn, taking pnnx's options;
 * {@code pnnx-j convert MODEL ...} is the same; {@code pnnx-j check} and {@code pnnx-j compare} verify a conversion
 * and {@code pnnx-j batch} converts a zoo.
 * Exit codes: 0 converted, 1 bad input or options, 2 unsupported nodes, 3 internal error.
 */
@Command(name = "pnnx-j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, subcommands = {ConvertCommand.class, CheckCommand.class, CompareCommand.class, BatchCommand.class, CommandLine.HelpCommand.class},
        description = "Converts an ONNX model or a TorchScript archive (a .pt, .pth or .torchscript file) to"
                + " ncnn's .param and .bin.",
        footerHeading = "%nOptions as key=value, as pnnx takes them:%n")
public final class Main implements Callable<Integer> {
    @Mixin
    ConvertArgs convert;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        return convert.run(new PrintWriter(System.out, true));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        String[] footer = footer(cl.getUsageHelpWidth());
        cl.getCommandSpec().usageMessage().footer(footer);
        cl.getSubcommands().get("convert").getCommandSpec().usageMessage().footer(footer);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd));
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("pnnx-j: " + ex.getMessage());
            // the help of the command that was mistyped, not the top level's
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
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
            ConvertArgs args = cmd.getCommand() instanceof Main main ? main.convert
                    : cmd.getCommand() instanceof ConvertCommand c ? c.args : null;
            if (args != null && args.report != null) {
                writeFailureReport(args.report, ce, err);
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

    /** The key=value options as a two-column table; picocli would wrap a long line back to column 0. */
    private static String[] footer(int width) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(15);
        ConvertOptions.KEYS.forEach((k, v) -> {
            StringBuilder line = new StringBuilder(String.format("  %-12s ", k + "="));
            for (String word : v.split(" ")) {
                if (line.length() + 1 + word.length() > width && line.length() > indent.length()) {
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder(indent);
                }
                line.append(word).append(' ');
            }
            lines.add(line.toString().stripTrailing());
        });
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

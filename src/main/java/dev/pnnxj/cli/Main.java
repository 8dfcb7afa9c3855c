package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.io.AtomicOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
        sortOptions = false,
        description = "Converts an ONNX model or a TorchScript archive (a .pt, .pth or .torchscript file) to"
                + " ncnn's .param and .bin.",
        footerHeading = "%nOptions as key=value, as pnnx takes them:%n")
public final class Main implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. They are registered only when named (or help
     * is asked for): picocli reflects over every registered command before parsing, which costs a
     * short run most of its start-up.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("convert", ConvertCommand.class);
        SUBCOMMANDS.put("check", CheckCommand.class);
        SUBCOMMANDS.put("compare", CompareCommand.class);
        SUBCOMMANDS.put("batch", BatchCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

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
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
                // answered without picocli, whose set-up is most of the time of so short a run
                System.out.println(Version.line());
                return 0;
            }
            Main plain = plainConversion(args);
            if (plain != null) {
                try {
                    return plain.call();
                } catch (RuntimeException e) {
                    return handle(e, plain.convert, plain.verbose.on, err);
                }
            }
            return withPicocli(args, err);
        } catch (OutOfMemoryError e) {
            return outOfMemory(e, err);
        }
    }

    private static int withPicocli(String[] args, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(err);
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null && !args[0].equals("help")) {
            cl.addSubcommand(args[0], named);
        } else if (named != null || Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"))) {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        String[] footer = footer(cl.getUsageHelpWidth());
        cl.getCommandSpec().usageMessage().footer(footer);
        if (cl.getSubcommands().get("convert") != null) {
            cl.getSubcommands().get("convert").getCommandSpec().usageMessage().footer(footer);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex,
                cmd.getCommand() instanceof Main m ? m.convert : cmd.getCommand() instanceof ConvertCommand c ? c.args : null,
                VerboseOption.of(cmd), cmd.getErr()));
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("pnnx-j: " + ex.getMessage());
            // the help of the command that was mistyped, not the top level's
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 1;
        });
        return cl.execute(args);
    }

    /**
     * The common case, {@code MODEL [key=value ...] [--report FILE] [--verbose]}, parsed without
     * picocli (which would cost a small conversion about half its time); anything else (help, a
     * subcommand, another option, an {@code @file}) returns null and goes through picocli.
     */
    static Main plainConversion(String[] args) {
        if (args.length == 0 || SUBCOMMANDS.containsKey(args[0])) {
            return null;
        }
        Main m = new Main();
        m.convert = new ConvertArgs();
        m.verbose = new VerboseOption();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--verbose")) {
                m.verbose.on = true;
            } else if (a.equals("--report") && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                m.convert.report = Path.of(args[++i]);
            } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return null;
            } else if (m.convert.model == null) {
                m.convert.model = Path.of(a);
            } else {
                options.add(a);
            }
        }
        m.convert.options = options;
        return m.convert.model == null ? null : m;
    }

    /** One message (a stack trace only with --verbose), the failure report if asked for, the exit code. */
    private static int handle(Exception ex, ConvertArgs conversion, boolean verbose, PrintWriter err) {
        if (outOfMemoryCause(ex) instanceof OutOfMemoryError oom) {
            return outOfMemory(oom, err);
        }
        if (ex instanceof ConversionException ce) {
            err.println("pnnx-j: " + ce.getMessage());
            if (conversion != null && conversion.report != null) {
                writeFailureReport(conversion.report, ce, err);
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

    /** An OutOfMemoryError among the causes (a failed file mapping arrives wrapped in an IOException). */
    private static Throwable outOfMemoryCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return c;
            }
        }
        return null;
    }

    /** One line, no stack trace: the heap or the address space was too small for this model. */
    private static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        if ("Java heap space".equals(e.getMessage()) || e.getMessage() == null
                || e.getMessage().startsWith("Requested array size")) {
            err.println("pnnx-j: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); nothing was written. Give the JVM more with PNNXJ_JAVA_OPTS=-Xmx4g (or more)");
        } else {
            // a mapping or native allocation refused: an address-space limit (ulimit -v, prlimit --as) is the usual cause
            err.println("pnnx-j: out of memory (" + e.getMessage() + "): the model does not fit in the process's"
                    + " address space; nothing was written. Raise the limit (ulimit -v) or convert on a larger machine");
        }
        err.flush();
        return 3;
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
            return new String[] {line()};
        }

        static String line() {
            String v = Main.class.getPackage().getImplementationVersion();
            return "pnnx-j " + (v == null ? "dev" : v);
        }
    }
}

package dev.pnnxj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --verbose} switch every command mixes in: its errors come with stack traces. */
final class VerboseOption {
    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean on;

    /** Whether the command that failed was given {@code --verbose}. */
    static boolean of(CommandLine cmd) {
        return cmd.getMixins().get("verbose") instanceof VerboseOption v && v.on;
    }
}

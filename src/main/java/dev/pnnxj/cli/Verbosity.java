package dev.pnnxj.cli;

/** A command with a {@code --verbose} switch: its errors are printed with their stack traces. */
interface Verbosity {
    boolean verbose();
}

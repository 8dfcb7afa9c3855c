package dev.pnnxj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Placeholder replaced below. */
@Command(name = "check")
final class CheckCommand implements Callable<Integer>, Verbosity {
    @Parameters(index = "0") Path param;
    @Option(names = "--verbose") boolean verbose;
    public boolean verbose() { return verbose; }
    public Integer call() { return 3; }
}

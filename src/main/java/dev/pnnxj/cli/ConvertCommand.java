package dev.pnnxj.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pnnx-j convert MODEL [key=value ...]}: the same conversion as {@code pnnx-j MODEL ...},
 * for users and scripts that name the command.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = Main.Version.class,
        description = "Converts a model to ncnn, exactly as pnnx-j MODEL [KEY=VALUE...] does; options as key=value below.")
final class ConvertCommand implements Callable<Integer> {
    @Mixin
    ConvertArgs args;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        return args.run(new PrintWriter(System.out, true));
    }
}

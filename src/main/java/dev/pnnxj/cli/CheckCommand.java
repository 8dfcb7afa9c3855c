package dev.pnnxj.cli;

import dev.pnnxj.ConversionException;
import dev.pnnxj.verify.BinCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pnnx-j check model.param model.bin [--manifest M]}: checks, without running the model,
 * that the .bin holds exactly the weights the .param loads (and, with the manifest written next to
 * the .bin by default, at the recorded offsets and checksums). Exit 1 names the first bad layer.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks that an ncnn .bin holds exactly the weights its .param loads.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PARAM", description = "the ncnn .param")
    Path param;

    @Parameters(index = "1", paramLabel = "BIN", description = "the ncnn .bin")
    Path bin;

    @Option(names = "--manifest", paramLabel = "M", description = "weight manifest (default: BIN.json if it exists)")
    Path manifest;

    @Mixin
    VerboseOption verbose;


    @Override
    public Integer call() {
        Path m = manifest;
        if (m == null) {
            Path sidecar = bin.resolveSibling(bin.getFileName() + ".json");
            m = Files.isRegularFile(sidecar) ? sidecar : null;
        } else if (!Files.isRegularFile(m)) {
            throw new ConversionException("--manifest " + m + ": no such file");
        }
        BinCheck.Result r = BinCheck.check(param, bin, m);
        if (r.ok()) {
            spec.commandLine().getOut().println("ok: " + r.message());
            spec.commandLine().getOut().flush();
            return 0;
        }
        spec.commandLine().getErr().println("pnnx-j: " + r.message());
        spec.commandLine().getErr().flush();
        return 1;
    }
}

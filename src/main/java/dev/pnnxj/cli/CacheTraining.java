package dev.pnnxj.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run behind bin/pnnx-j's class-data archive (JDK 17+) or AOT cache (JDK 25+): runs
 * the commands a user runs most (help, conversions from ONNX and TorchScript, check, a bad option)
 * in one JVM, so the classes they load are what the archive holds. Output goes to a temporary
 * folder and is deleted; a missing testdata folder leaves only the model-free commands.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=A -cp pnnx-j.jar dev.pnnxj.cli.CacheTraining TESTDATA}
 */
public final class CacheTraining {
    private CacheTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path testdata = Path.of(args.length > 0 ? args[0] : "testdata");
        Path out = Files.createTempDirectory("pnnxj-training");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        try {
            for (String[] command : commands(testdata, out)) {
                Main.run(command);
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static List<String[]> commands(Path testdata, Path out) {
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"--help"});
        commands.add(new String[] {"--version"});
        commands.add(new String[] {"no-such-model.onnx", "fp17=1"});
        Path sample = testdata.resolve("sample/tinynet.onnx");
        Path script = testdata.resolve("torchscript/resnet_block.pt");
        if (Files.isRegularFile(sample)) {
            commands.add(convert(sample, out.resolve("onnx"), "inputshape=[1,3,32,32]", "fp16=1"));
            commands.add(convert(sample, out.resolve("onnx32"), "inputshape=[1,3,32,32]", "fp16=0"));
            commands.add(new String[] {"check", out.resolve("onnx.param").toString(), out.resolve("onnx.bin").toString()});
        }
        if (Files.isRegularFile(script)) {
            commands.add(convert(script, out.resolve("pt"), "inputshape=[1,8,16,16]", "fp16=1"));
        }
        return commands;
    }

    private static String[] convert(Path model, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(model.toString()));
        args.addAll(List.of(options));
        args.add("ncnnparam=" + out + ".param");
        args.add("ncnnbin=" + out + ".bin");
        args.add("ncnnpy=" + out + ".py");
        return args.toArray(new String[0]);
    }
}

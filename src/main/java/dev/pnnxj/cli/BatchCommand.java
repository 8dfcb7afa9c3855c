package dev.pnnxj.cli;

import dev.pnnxj.batch.BatchJob;
import dev.pnnxj.batch.HtmlIndex;
import dev.pnnxj.batch.JUnitReport;
import dev.pnnxj.batch.JsonReport;
import dev.pnnxj.io.AtomicOutputs;
import dev.pnnxj.batch.BatchRunner;
import dev.pnnxj.batch.ModelList;
import dev.pnnxj.batch.ModelReport;
import dev.pnnxj.batch.Progress;
import dev.pnnxj.batch.Shard;
import dev.pnnxj.batch.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pnnx-j batch <dir | list.txt>}: converts a whole model zoo, carrying on past failures,
 * and exits 1 if any model failed.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts every model in a directory (recursively: .onnx, .pt, .pth, .torchscript; options from a "
                + "sidecar file such as net.onnx.pnnxj) or in a list file (one model per line, then its key=value options; "
                + "# comments; paths relative to the list file).",
            "Exit codes: 0 every model converted, 1 some model failed."})
public final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "DIR|LIST", description = "directory of models, or a list file")
    Path source;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "options for every model; a model's own win")
    List<String> options = List.of();

    @Option(names = "--jobs", paramLabel = "N", description = "models converted at a time (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "write outputs here, mirroring the models' relative paths "
            + "(default: next to each model)")
    Path out;

    @Option(names = "--shard", paramLabel = "i/n", description = "convert only shard i of n (every n-th model of the sorted list)")
    String shard;

    @Option(names = "--report", paramLabel = "FILE", description = "write a JSON report")
    Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report (one testcase per model)")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE", description = "write an HTML index linking each model's HTML page"
            + " (written beside its .param as NAME.ncnn.html)")
    Path html;

    @Option(names = "--verify", description = "run each converted .onnx model in onnxruntime and its ncnn files in "
            + "pnnx-j's executor on the same random inputs; a model past tolerance fails")
    boolean verify;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        // a bad report path is found before the models are converted, not after
        Map<String, Path> reportFiles = new LinkedHashMap<>();
        if (report != null) {
            reportFiles.put("--report", report);
        }
        if (junit != null) {
            reportFiles.put("--junit", junit);
        }
        if (html != null) {
            reportFiles.put("--html", html);
        }
        AtomicOutputs.check(reportFiles, Set.of());
        List<BatchJob> jobList = (shard == null ? Shard.ALL : Shard.parse(shard)).select(ModelList.read(source));
        Progress progress = new Progress(stdout, System.console() != null, jobList.size());
        List<ModelReport> reports = BatchRunner.run(jobList, new BatchRunner.Settings(out, options, jobs, verify, html != null), progress);
        SummaryTable.print(reports, verify, stdout);
        try (AtomicOutputs files = new AtomicOutputs(Set.of())) {
            if (report != null) {
                files.write(report, s -> JsonReport.write(reports, s));
            }
            if (html != null) {
                files.write(html, s -> HtmlIndex.write(reports, html, "pnnx-j batch " + source.getFileName(), s));
            }
            if (junit != null) {
                files.write(junit, s -> JUnitReport.write(reports, "pnnx-j batch " + source.getFileName(), s));
            }
            files.commit();
        }
        return reports.stream().allMatch(ModelReport::ok) ? 0 : 1;
    }
}

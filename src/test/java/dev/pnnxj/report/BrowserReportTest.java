package dev.pnnxj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.cli.Main;
import dev.pnnxj.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages rendered by headless chromium (Debian's package; .ci/run installs it): the layout runs
 * in the browser and draws every layer, the first diverging layer is marked, and hostile node
 * names stay text. Skipped only where chromium is not installed (and then failed under .ci/run).
 */
class BrowserReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern LAYER = Pattern.compile("<g class=\"(layer[^\"]*)\" data-id=\"[^\"]*\" data-type=\"([^\"]*)\" data-name=\"([^\"]*)\"");

    @TempDir
    static Path dir;

    record Box(String classes, String type, String name) {
    }

    @BeforeAll
    static void needsChromium() {
        ExternalTool.require(Files.isExecutable(CHROMIUM), "chromium (apt-get install chromium)");
    }

    /** The DOM after the page's scripts ran, as chromium prints it. */
    static String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path out = dir.resolve(page.getFileName() + ".dom");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        assertEquals(0, p.exitValue(), "chromium's exit code");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static List<Box> boxes(String dom) {
        List<Box> out = new ArrayList<>();
        Matcher m = LAYER.matcher(dom);
        while (m.find()) {
            out.add(new Box(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    @Test
    void aDamagedBinsPageDrawsEveryLayerAndMarksTheFirstDivergingOne() throws Exception {
        Path model = Files.copy(ReportModels.TINY_CNN, dir.resolve("tiny_cnn.onnx"));
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]", "fp16=0"));
        Path param = dir.resolve("tiny_cnn.ncnn.param");
        Path bin = dir.resolve("tiny_cnn.ncnn.bin");
        ReportModels.damageConvolution1(bin);
        Path page = dir.resolve("compare.html");
        assertEquals(1, Main.run("compare", model.toString(), "inputshape=[1,3,32,32]", "--param", param.toString(),
                "--bin", bin.toString(), "--blobs", "--html", page.toString()));

        String dom = dumpDom(page);
        assertTrue(dom.contains("data-layout=\"done\""), "the layout script ran");
        List<Box> boxes = boxes(dom);
        assertEquals(List.of("input_0", "convolution_0", "pooling_0", "convolution_1", "pooling_1", "flatten_0",
                "innerproduct_0"), boxes.stream().map(Box::name).toList());
        assertEquals(List.of("convolution_1"), boxes.stream().filter(b -> b.classes().contains("first-diverging"))
                .map(Box::name).toList());
        // one drawn rectangle per layer, an edge per blob between layers, and the error plot's points
        assertTrue(count(dom, "<rect ") >= boxes.size(), dom);
        assertEquals(6, count(dom, "<g class=\"edge"));
        // every blob but the input is compared, so its edge is coloured by its error
        assertEquals(5, count(dom, "<g class=\"edge measured\""));
        assertTrue(dom.contains("FIRST DIVERGING"));
        assertEquals(6, count(dom, "<circle class=\"pt"));
    }

    @Test
    void anUnsupportedPageMarksTheNodeAndKeepsHostileNamesAsText() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("unsupported"));
        Path model = ReportModels.unsupported(sub);
        Path page = sub.resolve("failed.html");
        assertEquals(2, Main.run(model.toString(), "--html", page.toString()));

        String dom = dumpDom(page);
        assertTrue(dom.contains("data-layout=\"done\""), "the layout script ran");
        List<Box> boxes = boxes(dom);
        assertEquals(List.of("Input", "Relu", "CustomNorm", "Relu"), boxes.stream().map(Box::type).toList());
        assertEquals(List.of("CustomNorm", "Relu"), boxes.stream().filter(b -> b.classes().contains("unsupported"))
                .map(Box::type).toList());
        assertFalse(dom.contains("<img"), "a node name became an element");
        assertFalse(dom.contains("<svg onload"), "a node name became an element");
        assertTrue(dom.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

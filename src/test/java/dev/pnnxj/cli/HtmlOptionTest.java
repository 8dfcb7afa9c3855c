package dev.pnnxj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --html} on convert, compare and batch: what is written, when, and which paths are refused. */
class HtmlOptionTest {
    @TempDir
    Path dir;

    private Path tinyCnn() throws IOException {
        return Files.copy(Path.of("testdata/models/tiny_cnn.onnx"), dir.resolve("tiny_cnn.onnx"));
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void convertWritesThePageWithTheNcnnFiles() throws IOException {
        Path model = tinyCnn();
        Path page = dir.resolve("report.html");
        assertEquals(0, Main.run(model.toString(), "--html", page.toString()));
        String html = Files.readString(page);
        assertTrue(html.contains("\"name\":\"convolution_1\""), "layers are in the page's data");
        assertTrue(html.contains("/conv2/Conv"), "with their source nodes");
        assertTrue(Files.exists(dir.resolve("tiny_cnn.ncnn.param")));
    }

    @Test
    void thePlainConversionFastPathTakesHtmlAndLeavesTheOtherSpellingToPicocli() {
        Main m = Main.plainConversion(new String[] {"m.onnx", "inputshape=[1,3,32,32]", "--html", "r.html"});
        assertEquals(Path.of("r.html"), m.convert.html);
        assertEquals(List.of("inputshape=[1,3,32,32]"), m.convert.options);
        assertNull(Main.plainConversion(new String[] {"m.onnx", "inputshape=[1,3,32,32]", "--html=r.html"}));
    }

    @Test
    void everyConversionCommandLineWritesThePage() throws IOException {
        Path model = tinyCnn();
        String[][] lines = {
            {model.toString(), "inputshape=[1,3,32,32]", "--html", dir.resolve("fast.html").toString(),
                "--report", dir.resolve("fast.json").toString()},
            {model.toString(), "inputshape=[1,3,32,32]", "--html=" + dir.resolve("picocli.html")},
            {"convert", model.toString(), "inputshape=[1,3,32,32]", "--html", dir.resolve("convert.html").toString()},
        };
        for (String[] line : lines) {
            assertEquals(0, Main.run(line), String.join(" ", line));
        }
        for (String page : new String[] {"fast.html", "picocli.html", "convert.html"}) {
            String html = Files.readString(dir.resolve(page));
            assertTrue(html.contains("<body data-status=\"converted\">"), page);
            assertTrue(html.contains("\"name\":\"convolution_1\""), page);
        }
        assertTrue(Files.readString(dir.resolve("fast.json")).contains("\"status\" : \"converted\""), "--report beside --html");
    }

    @Test
    void aPathThatIsTheModelOrAnOutputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path model = tinyCnn();
        assertEquals(1, Main.run(model.toString(), "--html", model.toString()));
        assertEquals(1, Main.run(model.toString(), "--html", dir.resolve("tiny_cnn.ncnn.param").toString()));
        assertEquals(1, Main.run(model.toString(), "--html", dir.toString()));
        assertEquals(1, files(dir), "only the model is there");
        assertEquals(17728, Files.size(model));
    }

    @Test
    void anUnsupportedModelGetsThePageAndNoModelFiles() throws IOException {
        Path model = dev.pnnxj.report.ReportModelsAccess.unsupported(dir);
        Path page = dir.resolve("failed.html");
        assertEquals(2, Main.run(model.toString(), "--html", page.toString()));
        String html = Files.readString(page);
        assertTrue(html.contains("<body data-status=\"unsupported\">"));
        assertTrue(html.contains("<td>CustomNorm</td>"));
        assertEquals(2, files(dir), "the model and its page");
    }

    @Test
    void compareBlobsMarksTheFirstDivergingLayerOfADamagedBin() throws IOException {
        Path model = tinyCnn();
        assertEquals(0, Main.run(model.toString(), "inputshape=[1,3,32,32]", "fp16=0"));
        Path bin = dir.resolve("tiny_cnn.ncnn.bin");
        byte[] data = Files.readAllBytes(bin);
        // convolution_1's weights start at 900: a tag, then fp32 values
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(900 + 4 + 4 * 5, 1000f);
        Files.write(bin, data);
        Path page = dir.resolve("compare.html");
        assertEquals(1, Main.run("compare", model.toString(), "inputshape=[1,3,32,32]", "--param",
                dir.resolve("tiny_cnn.ncnn.param").toString(), "--bin", bin.toString(), "--blobs",
                "--html", page.toString()));
        String html = Files.readString(page);
        assertTrue(html.contains("First diverging layer: <b>convolution_1</b>"));
        assertTrue(html.contains("<svg class=\"error-plot\""));
        assertTrue(html.contains("\"firstDiverging\":\"layer:convolution_1\""));
        assertEquals(1, Main.run("compare", model.toString(), "--param", dir.resolve("tiny_cnn.ncnn.param").toString(),
                "--bin", bin.toString(), "--html", bin.toString()), "the page may not replace an input");
    }

    @Test
    void compareThatConvertsShowsSourceNodesAndTheVerdict() throws IOException {
        Path model = tinyCnn();
        Path page = dir.resolve("compare.html");
        assertEquals(0, Main.run("compare", model.toString(), "--blobs", "--html", page.toString()));
        String html = Files.readString(page);
        assertTrue(html.contains("<body data-status=\"match\">"));
        assertTrue(html.contains("{\"name\":\"/conv2/Conv\",\"op\":\"Conv\"}"));
        assertFalse(html.contains("\"firstDiverging\":"), "no layer diverged");
    }

    @Test
    void batchWritesAnIndexLinkingEachModelsPage() throws IOException {
        Path zoo = Files.createDirectories(dir.resolve("zoo"));
        Files.copy(Path.of("testdata/models/tiny_cnn.onnx"), zoo.resolve("tiny_cnn.onnx"));
        dev.pnnxj.report.ReportModelsAccess.unsupported(zoo);
        Path out = dir.resolve("out");
        Path index = dir.resolve("index.html");
        assertEquals(1, Main.run("batch", zoo.toString(), "--out", out.toString(), "--html", index.toString()));
        String html = Files.readString(index);
        assertTrue(html.contains("<a href=\"out/tiny_cnn.ncnn.html\">tiny_cnn.onnx</a>"), html);
        assertTrue(html.contains("<a href=\"out/model.ncnn.html\">model.onnx</a>"), html);
        assertTrue(html.contains("1 of 2 models converted"));
        assertTrue(Files.readString(out.resolve("model.ncnn.html")).contains("data-status=\"unsupported\""));
        assertTrue(Files.readString(out.resolve("tiny_cnn.ncnn.html")).contains("data-status=\"converted\""));
    }
}

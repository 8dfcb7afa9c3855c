package dev.pnnxj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's HTML: self-contained, model names escaped everywhere, the embedded data intact. */
class HtmlPageTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private ReportData unsupportedPage() {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = ReportDataTest.options(ReportModels.unsupported(dir), dir);
        try {
            Converter.convert(o, List.of(), trace);
        } catch (ConversionException e) {
            return ReportBuilder.failed(o.model(), e, trace);
        }
        throw new AssertionError("converted");
    }

    @Test
    void hostileNamesNeverBecomeMarkup() throws Exception {
        ReportData data = unsupportedPage();
        String html = HtmlPage.render(data);
        assertFalse(html.contains("<img"), "an unescaped node name");
        assertFalse(html.contains("<svg onload"), "an unescaped node name");
        // the page's own three script elements, none opened or closed by a name
        assertEquals(3, count(html, "</script>"));
        assertEquals(3, count(html, "<script"));
        assertTrue(html.contains("<td>&lt;svg onload=alert(2)&gt;</td>"), "the problems table names the node");
        Matcher m = DATA.matcher(html);
        assertTrue(m.find());
        // the embedded JSON reads back as the data, names and all
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(HtmlPage.json(data)), json.readTree(m.group(1)));
        assertTrue(m.group(1).contains("\\u003c/script\\u003e\\u003cimg"), m.group(1));
    }

    @Test
    void escapingCoversMarkupAndAttributeQuotes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", Html.escape("<a href=\"x\" title='y'>&"));
        assertEquals("\\u003c/script\\u003e \\u0026 \\u2028", Html.scriptJson("</script> & \u2028"));
    }

    @Test
    void thePageInlinesEverythingAndFetchesNothing() {
        String html = HtmlPage.render(unsupportedPage());
        assertFalse(Pattern.compile("<script[^>]* src=|<link |@import|url\\(http").matcher(html).find());
        assertTrue(html.contains(HtmlPage.resource(HtmlPage.DAGRE)));
        assertTrue(html.contains("<section id=\"problems\">"));
    }

    @Test
    void theErrorPlotMarksTheFirstDivergingLayerAndEscapesNames() {
        ReportData.GraphNode a = layer("a", "0");
        ReportData.GraphNode b = layer(ReportModels.HOSTILE, "1");
        ReportData page = new ReportData("t", "m", "mismatch", null, List.of(a, b),
                Map.of("0", new ReportData.BlobInfo(null, null, 1e-6, 1e-6, 1.0),
                        "1", new ReportData.BlobInfo(null, null, Double.NaN, Double.NaN, 0.0)),
                List.of(), List.of(), List.of(), b.id());
        String svg = ErrorPlot.svg(page);
        assertEquals(2, count(svg, "<circle"));
        assertEquals(1, count(svg, "class=\"pt diverging\""));
        assertTrue(svg.contains("first diverging: &lt;/script&gt;&lt;img"), svg);
        assertFalse(svg.contains("<img"));
        assertFalse(svg.contains("NaN\""), "a NaN error is drawn at the top, not at NaN");
        assertEquals("", ErrorPlot.svg(new ReportData("t", "m", "converted", null, List.of(a),
                Map.of(), List.of(), List.of(), List.of(), null)));
    }

    private static ReportData.GraphNode layer(String name, String top) {
        return new ReportData.GraphNode(ReportBuilder.layerId(name), "ncnn", "ReLU", name, "", List.of(), List.of(top),
                0, null, List.of(), null, null);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

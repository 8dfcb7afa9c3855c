package dev.pnnxj.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: styles, the dagre layout library
 * and the drawing script are inlined from the jar's resources, the data is embedded as JSON, and
 * the summary, problem and output tables and the error plot are written here as static HTML.
 * Nothing is fetched when the page is viewed.
 */
public final class HtmlPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bundled dagre build; see dagre-LICENSE.txt beside it for its version and licence. */
    static final String DAGRE = "dagre.min.js";

    private HtmlPage() {
    }

    /** The page's HTML. */
    public static String render(ReportData page) {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(page.title())).append("</title>\n<style>")
                .append(resource("report.css")).append("</style></head>\n")
                .append("<body data-status=\"").append(Html.escape(page.status())).append("\">\n");
        header(sb, page);
        problems(sb, page);
        outputs(sb, page);
        String plot = ErrorPlot.svg(page);
        if (!plot.isEmpty()) {
            sb.append("<section id=\"plot\"><h2>Max abs error per layer</h2>").append(plot).append("</section>\n");
        }
        if (!page.nodes().isEmpty()) {
            sb.append("<section id=\"graph-section\"><h2>Graph</h2>");
            if (!plot.isEmpty()) {
                sb.append("<p class=\"legend\">blob error (max rel): <span style=\"background:hsl(120,70%,60%)\"></span>")
                        .append("1e-6 or less<span style=\"background:hsl(60,70%,60%)\"></span>1e-3.5")
                        .append("<span style=\"background:hsl(0,70%,60%)\"></span>1e-1 or more; dashed red outline:")
                        .append(" first diverging layer</p>");
            }
            sb.append("<div id=\"layout\"><div id=\"graph\"></div>")
                    .append("<aside id=\"details\"><p class=\"hint\">Click a box for its params, shapes and source"
                            + " nodes.</p></aside></div></section>\n");
        }
        sb.append("<script type=\"application/json\" id=\"report-data\">").append(Html.scriptJson(json(page)))
                .append("</script>\n<script>").append(resource(DAGRE)).append("</script>\n<script>")
                .append(resource("report.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, ReportData page) {
        sb.append("<header><h1>").append(Html.escape(page.title())).append("</h1>")
                .append("<p class=\"model\">").append(Html.escape(page.model())).append("</p>")
                .append("<p class=\"status status-").append(Html.escape(page.status())).append("\">")
                .append(Html.escape(page.status())).append("</p>");
        if (page.message() != null) {
            sb.append("<pre class=\"message\">").append(Html.escape(page.message())).append("</pre>");
        }
        if (page.firstDiverging() != null) {
            String layer = page.firstDiverging().substring(page.firstDiverging().indexOf(':') + 1);
            sb.append("<p class=\"first-diverging\">First diverging layer: <b>").append(Html.escape(layer))
                    .append("</b></p>");
        }
        sb.append("</header>\n");
    }

    private static void problems(StringBuilder sb, ReportData page) {
        if (page.problems().isEmpty()) {
            return;
        }
        sb.append("<section id=\"problems\"><h2>Unsupported nodes</h2><table><tr><th>node</th><th>op</th>")
                .append("<th>kind</th><th>reason</th></tr>");
        for (ReportData.Problem p : page.problems()) {
            sb.append("<tr class=\"problem\"><td>").append(Html.escape(p.node())).append("</td><td>")
                    .append(Html.escape(p.op())).append("</td><td>").append(Html.escape(p.kind()))
                    .append("</td><td>").append(Html.escape(p.reason())).append("</td></tr>");
        }
        sb.append("</table></section>\n");
    }

    private static void outputs(StringBuilder sb, ReportData page) {
        if (page.outputs().isEmpty()) {
            return;
        }
        sb.append("<section id=\"outputs\"><h2>Outputs against the reference</h2><table><tr><th></th><th>output</th>")
                .append("<th>blob</th><th>max abs</th><th>max rel</th><th>cosine</th></tr>");
        for (ReportData.OutputCheck o : page.outputs()) {
            sb.append("<tr class=\"").append(o.pass() ? "pass" : "fail").append("\"><td>")
                    .append(o.pass() ? "ok" : "FAIL").append("</td><td>").append(Html.escape(o.name()))
                    .append("</td><td>").append(Html.escape(o.blob())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3g</td><td>%.3g</td><td>%.6f", o.maxAbs(), o.maxRel(),
                            o.cosine()))
                    .append("</td></tr>");
        }
        sb.append("</table></section>\n");
    }

    static String json(ReportData page) {
        try {
            return JSON.writeValueAsString(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serialisable", e);
        }
    }

    /** A resource of this package, checked so that inlining it cannot end its element early. */
    static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
                throw new IllegalStateException("resource " + name + " cannot be inlined: it holds an end tag");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

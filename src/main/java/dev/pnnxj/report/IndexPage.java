package dev.pnnxj.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The {@code batch --html} index: one row per model, linking its page by a path relative to the index. */
public final class IndexPage {
    /** One model's row; {@code page} is its report page, or null when none was written. */
    public record Entry(String model, String status, String message, int layers, long weightBytes, Path page) {
    }

    private IndexPage() {
    }

    /** The index page to be written at {@code index}. */
    public static String render(List<Entry> entries, Path index, String title) {
        Path dir = index.toAbsolutePath().normalize().getParent();
        StringBuilder sb = new StringBuilder(1 << 12);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title>\n<style>").append(HtmlPage.resource("report.css")).append("</style></head>\n<body>")
                .append("<header><h1>").append(Html.escape(title)).append("</h1><p>");
        long ok = entries.stream().filter(e -> e.status().equals("converted")).count();
        sb.append(ok).append(" of ").append(entries.size()).append(" models converted</p></header>\n")
                .append("<table id=\"models\"><tr><th>model</th><th>status</th><th>layers</th><th>weight bytes</th>")
                .append("<th>message</th></tr>\n");
        for (Entry e : entries) {
            sb.append("<tr class=\"").append(e.status().equals("converted") ? "pass" : "fail").append("\"><td>");
            if (e.page() != null) {
                String href = dir.relativize(e.page().toAbsolutePath().normalize()).toString().replace('\\', '/');
                sb.append("<a href=\"").append(Html.escape(encode(href))).append("\">").append(Html.escape(e.model()))
                        .append("</a>");
            } else {
                sb.append(Html.escape(e.model()));
            }
            sb.append("</td><td><span class=\"status status-").append(Html.escape(e.status())).append("\">")
                    .append(Html.escape(e.status())).append("</span></td><td>").append(e.layers()).append("</td><td>")
                    .append(e.weightBytes()).append("</td><td><pre class=\"message\">")
                    .append(Html.escape(firstLine(e.message()))).append("</pre></td></tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    /** A relative path as a URL: characters that would change its meaning are percent-encoded. */
    private static String encode(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "/-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "%%%02X", c));
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl) + " ...";
    }
}

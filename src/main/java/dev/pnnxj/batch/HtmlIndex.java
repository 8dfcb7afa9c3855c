package dev.pnnxj.batch;

import dev.pnnxj.report.IndexPage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the {@code batch --html} index page of a batch's model reports. */
public final class HtmlIndex {
    private HtmlIndex() {
    }

    public static void write(List<ModelReport> reports, Path index, String title, OutputStream out) throws IOException {
        List<IndexPage.Entry> entries = new ArrayList<>();
        for (ModelReport r : reports) {
            entries.add(new IndexPage.Entry(r.path(), r.status().label(), r.message(), r.layers(), r.weightBytes(),
                    r.html() == null ? null : Path.of(r.html())));
        }
        out.write(IndexPage.render(entries, index, title).getBytes(StandardCharsets.UTF_8));
    }
}

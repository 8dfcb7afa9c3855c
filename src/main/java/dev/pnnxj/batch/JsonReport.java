package dev.pnnxj.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch report as JSON: a format tag, counts by status, and one object per model (path,
 * status, exit_code, message, seconds, layers, weight_bytes, passes_applied, layer_histogram and,
 * when verified, max_error), in the batch's sorted order.
 */
public final class JsonReport {
    /** Format name written into every report. */
    public static final String FORMAT = "pnnx-j-batch-report/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonReport() {
    }

    public static void write(List<ModelReport> reports, OutputStream out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("models_total", reports.size());
        for (ModelReport.Status s : ModelReport.Status.values()) {
            doc.put(s.label(), SummaryTable.count(reports, s));
        }
        doc.put("models", reports);
        JSON.writeValue(out, doc);
    }
}

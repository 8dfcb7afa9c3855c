package dev.pnnxj.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one model in a batch, as the summary table and the reports show it. Counts are
 * zero and lists empty for a model that did not convert; {@code weightBytes} is the .bin size and
 * {@code peakMemoryBytes} the {@link dev.pnnxj.ncnn.MemoryEstimate#peakBytes() estimate}; {@code maxError} is null unless verified;
 * {@code html} is the model's {@code --html} page, or null when none was written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelReport(
        String path,
        Status status,
        @JsonProperty("exit_code") int exitCode,
        String message,
        double seconds,
        int layers,
        @JsonProperty("weight_bytes") long weightBytes,
        @JsonProperty("peak_memory_bytes") long peakMemoryBytes,
        @JsonProperty("passes_applied") List<String> passesApplied,
        @JsonProperty("layer_histogram") Map<String, Integer> layerHistogram,
        @JsonProperty("max_error") Double maxError,
        String html) {

    /** A report without an HTML page. */
    public ModelReport(String path, Status status, int exitCode, String message, double seconds, int layers,
            long weightBytes, long peakMemoryBytes, List<String> passesApplied, Map<String, Integer> layerHistogram,
            Double maxError) {
        this(path, status, exitCode, message, seconds, layers, weightBytes, peakMemoryBytes, passesApplied,
                layerHistogram, maxError, null);
    }

    public ModelReport {
        passesApplied = List.copyOf(passesApplied);
        // sorted so that reports do not depend on the map the caller built
        layerHistogram = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(layerHistogram));
    }

    /** How a model ended. */
    public enum Status {
        CONVERTED, UNSUPPORTED, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean ok() {
        return status == Status.CONVERTED;
    }
}

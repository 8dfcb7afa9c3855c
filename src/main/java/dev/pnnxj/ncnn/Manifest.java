package dev.pnnxj.ncnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.io.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar {@code model.ncnn.bin.json}: for every layer with weights, each weight's byte
 * offset, length, storage, element count and CRC-32, so a shifted, truncated or altered weight in
 * a .bin can be pinned to its layer later ({@code pnnx-j check}). It also maps ncnn blob names
 * back to the source model's tensors.
 */
public record Manifest(boolean fp16, long binSize, List<LayerEntry> layers, Map<String, String> inputs,
        Map<String, String> outputs, Map<String, String> blobs) {

    /** Format name written into every manifest. */
    public static final String FORMAT = "pnnx-j-weight-manifest/1";

    /** One weight as written. */
    public record WeightEntry(String name, long offset, long length, String storage, long elements,
            String crc32) {
    }

    /** The weights of one layer, in load order. */
    public record LayerEntry(String name, String type, String source, List<WeightEntry> weights) {
    }

    Manifest(boolean fp16, long binSize, List<LayerEntry> layers, NcnnModel model) {
        this(fp16, binSize, layers, model.inputs, model.outputs, model.blobSources);
    }

    /** Writes the manifest as JSON (without Jackson, which every conversion would otherwise load). */
    public void write(OutputStream out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("fp16", fp16);
        doc.put("bin_size", binSize);
        doc.put("inputs", inputs);
        doc.put("outputs", outputs);
        doc.put("layers", layers.stream().map(Manifest::layerJson).toList());
        doc.put("blobs", blobs);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        JsonWriter.write(doc, w);
        w.flush();
    }

    private static Map<String, Object> layerJson(LayerEntry l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("type", l.type());
        m.put("source", l.source());
        m.put("weights", l.weights().stream().map(Manifest::weightJson).toList());
        return m;
    }

    private static Map<String, Object> weightJson(WeightEntry w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("offset", w.offset());
        m.put("length", w.length());
        m.put("storage", w.storage());
        m.put("elements", w.elements());
        m.put("crc32", w.crc32());
        return m;
    }

    public static Manifest read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> doc = json.readValue(file.toFile(), Map.class);
        if (!FORMAT.equals(doc.get("format"))) {
            throw new IOException(file + " is not a pnnx-j weight manifest (format " + doc.get("format") + ")");
        }
        Raw raw = json.convertValue(doc, Raw.class);
        return new Manifest(raw.fp16, raw.bin_size, raw.layers, raw.inputs, raw.outputs, raw.blobs);
    }

    /** Jackson's view of the JSON document. */
    private static final class Raw {
        public String format;
        public boolean fp16;
        public long bin_size;
        public List<LayerEntry> layers;
        public Map<String, String> inputs;
        public Map<String, String> outputs;
        public Map<String, String> blobs;
    }
}

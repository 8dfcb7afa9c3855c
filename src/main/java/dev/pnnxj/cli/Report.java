package dev.pnnxj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The {@code --report} JSON: on success the passes applied, the ncnn layer histogram, input and
 * output blobs with their ncnn shapes, and the weight bytes; on failure the exit code and message,
 * and for unsupported models every offending node as the console lists it.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    static ObjectNode converted(Converter.Result r) {
        NcnnModel m = r.model();
        ObjectNode doc = JSON.createObjectNode().put("status", "converted").put("exit_code", 0);
        ArrayNode passes = doc.putArray("passes_applied");
        r.passesApplied().forEach(passes::add);
        ObjectNode hist = doc.putObject("layers");
        m.layerHistogram().forEach(hist::put);
        blobs(doc.putArray("inputs"), m, m.inputs);
        blobs(doc.putArray("outputs"), m, m.outputs);
        doc.put("weight_bytes", r.manifest().binSize());
        doc.put("fp16", r.options().fp16());
        if (!r.model().customLayers.isEmpty()) {
            ObjectNode custom = doc.putObject("custom_layers");
            r.model().customLayers.forEach((type, params) -> params.forEach(custom.putArray(type)::add));
        }
        ObjectNode files = doc.putObject("files");
        files.put("param", r.options().ncnnParam().toString());
        files.put("bin", r.options().ncnnBin().toString());
        files.put("manifest", r.options().manifest().toString());
        files.put("py", r.options().ncnnPy().toString());
        return doc;
    }

    static ObjectNode failed(ConversionException e) {
        ObjectNode doc = JSON.createObjectNode()
                .put("status", e instanceof UnsupportedNodesException ? "unsupported" : "error")
                .put("exit_code", e.exitCode())
                .put("message", e.getMessage());
        if (e instanceof UnsupportedNodesException u) {
            ArrayNode problems = doc.putArray("problems");
            for (UnsupportedNodesException.Problem p : u.problems()) {
                ObjectNode o = problems.addObject().put("node", p.node()).put("op", p.op())
                        .put("kind", p.kind().name().toLowerCase()).put("reason", p.reason());
                ArrayNode inputs = o.putArray("inputs");
                for (UnsupportedNodesException.Operand in : p.inputs()) {
                    if (in == null) {
                        inputs.addNull();
                        continue;
                    }
                    ObjectNode i = inputs.addObject().put("name", in.name()).put("dtype", in.dtype());
                    if (in.shape() == null) {
                        i.putNull("shape");
                    } else {
                        ArrayNode dims = i.putArray("shape");
                        for (int d : in.shape()) {
                            dims.add(d);
                        }
                    }
                    i.put("constant", in.constant());
                }
            }
        }
        return doc;
    }

    static void write(OutputStream out, ObjectNode doc) throws IOException {
        JSON.writeValue(out, doc);
    }

    /**
     * Blob name, the source tensor it holds, its ncnn shape (-1 for a dim that stays dynamic), and
     * its batch: the Mat::n it carries (0 for a tensor without a batch axis).
     */
    private static void blobs(ArrayNode out, NcnnModel m, Map<String, String> blobs) {
        blobs.forEach((blob, source) -> {
            ObjectNode o = out.addObject().put("blob", blob).put("source", source);
            int[] shape = m.blobShapes.get(blob);
            if (shape == null) {
                o.putNull("shape");
            } else {
                ArrayNode dims = o.putArray("shape");
                for (int d : shape) {
                    dims.add(d);
                }
            }
            // pyncnn's batch_index: 0 when axis 0 of the tensor is the batch ncnn carries as Mat::n
            Integer n = m.batches.get(blob);
            o.put("batch", n == null ? 0 : n).put("batch_index", n == null ? 233 : 0);
        });
    }
}

package dev.pnnxj.cli;

import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.MemoryEstimate;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The lines printed after a conversion: blobs and their ncnn shapes, layer histogram, files. */
final class Summary {
    private Summary() {
    }

    static void print(Converter.Result r, PrintWriter out) {
        NcnnModel m = r.model();
        r.options().notes().forEach(n -> out.println("note: " + n));
        for (Map.Entry<String, String> e : m.inputs.entrySet()) {
            out.printf("input  %-6s %-18s %-22s <- %s%n", e.getKey(), shape(m, e.getKey()), batch(m, e.getKey()),
                    e.getValue());
        }
        for (Map.Entry<String, String> e : m.outputs.entrySet()) {
            out.printf("output %-6s %-18s %-22s -> %s%n", e.getKey(), shape(m, e.getKey()), batch(m, e.getKey()),
                    e.getValue());
        }
        Map<String, Integer> hist = m.layerHistogram();
        out.printf("%d layers, %d blobs, %d weight bytes (%s)%n", m.layers.size(), m.blobs().size(),
                r.manifest().binSize(), r.options().fp16() ? "fp16" : "fp32");
        out.println("layers: " + hist);
        m.customLayers.forEach((type, params) -> out.println("custom layer " + type + " (" + hist.get(type)
                + " in the .param; register it in your ncnn build): params "
                + (params.isEmpty() ? "none" : numbered(params))));
        MemoryEstimate e = MemoryEstimate.of(m);
        out.printf("weights %d bytes fp32, %d fp16; estimated peak memory %d bytes (blobs %d + fp32 weights)%n",
                e.weightBytesFp32(), e.weightBytesFp16(), e.peakBytes(), e.peakBlobBytes());
        out.println("wrote " + r.options().ncnnParam() + ", " + r.options().ncnnBin() + ", "
                + r.options().manifest() + ", " + r.options().ncnnPy());
    }

    private static String numbered(List<String> params) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < params.size(); i++) {
            sb.append(i > 0 ? " " : "").append(i).append('=').append(params.get(i));
        }
        return sb.toString();
    }

    private static String shape(NcnnModel m, String blob) {
        int[] d = m.blobShapes.get(blob);
        return d == null ? "?" : Arrays.toString(d).replace(" ", "") + dimsName(d.length);
    }

    /** How the blob's tensor meets ncnn: n samples in Mat::n, or the whole tensor as one blob. */
    private static String batch(NcnnModel m, String blob) {
        Integer n = m.batches.get(blob);
        return n == null ? "no batch axis" : "batch " + n + " -> Mat::n";
    }

    private static String dimsName(int rank) {
        return switch (rank) {
            case 1 -> " (w)";
            case 2 -> " (h,w)";
            case 3 -> " (c,h,w)";
            case 4 -> " (c,d,h,w)";
            default -> "";
        };
    }
}

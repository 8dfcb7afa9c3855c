package dev.pnnxj.report;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.verify.Metrics;
import dev.pnnxj.verify.ModelComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a page's {@link ReportData} from a conversion, a failure, or a comparison. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /** The page id of an ncnn layer. */
    static String layerId(String layer) {
        return "layer:" + layer;
    }

    /** The ncnn graph of a converted model, each layer with its IR node and source nodes. */
    public static ReportData converted(Path model, Converter.Result r, ConversionTrace trace) {
        NcnnModel m = r.model();
        Map<String, Long> weightBytes = new HashMap<>();
        for (Manifest.LayerEntry e : r.manifest().layers()) {
            weightBytes.put(e.name(), e.weights().stream().mapToLong(Manifest.WeightEntry::length).sum());
        }
        // layers lowered from one IR node, or from the IR nodes of one fusion, are drawn as a group
        Map<String, Integer> perAnchor = new HashMap<>();
        for (NcnnLayer l : m.layers) {
            if (l.source() != null) {
                perAnchor.merge(trace.anchor(l.source()), 1, Integer::sum);
            }
        }
        List<ReportData.Group> groups = new ArrayList<>();
        Set<String> grouped = new HashSet<>();
        List<ReportData.GraphNode> nodes = new ArrayList<>();
        for (NcnnLayer l : m.layers) {
            String anchor = l.source() == null ? null : trace.anchor(l.source());
            String group = null;
            if (anchor != null && perAnchor.get(anchor) > 1) {
                group = "group:" + anchor;
                if (grouped.add(group)) {
                    groups.add(new ReportData.Group(group, groupLabel(trace.sources(l.source()), anchor)));
                }
            }
            nodes.add(new ReportData.GraphNode(layerId(l.name()), "ncnn", l.type(), l.name(), l.params.toParamString(),
                    List.copyOf(l.bottoms), List.copyOf(l.tops), weightBytes.getOrDefault(l.name(), 0L), l.source(),
                    sources(l, m, trace), group, null));
        }
        Map<String, ReportData.BlobInfo> blobs = new LinkedHashMap<>();
        for (String b : m.blobs()) {
            blobs.put(b, new ReportData.BlobInfo(dims(m.blobShapes.get(b)), m.blobSources.get(b), null, null, null));
        }
        return new ReportData(title(model), model.toString(), "converted",
                m.layers.size() + " layers, " + r.manifest().binSize() + " weight bytes", nodes, blobs, groups,
                List.of(), List.of(), null);
    }

    /**
     * The graph of given ncnn files: layers as the .param declares them, weight bytes, IR nodes and
     * blob sources from the weight manifest beside the .bin when there is one. Source nodes and
     * shapes are unknown: they are known only while converting.
     */
    static ReportData fromFiles(Path model, Path param, Path bin) {
        Manifest manifest = ParamFileLayers.manifest(bin);
        Map<String, Manifest.LayerEntry> entries = new HashMap<>();
        if (manifest != null) {
            manifest.layers().forEach(e -> entries.put(e.name(), e));
        }
        List<ReportData.GraphNode> nodes = new ArrayList<>();
        Map<String, ReportData.BlobInfo> blobs = new LinkedHashMap<>();
        for (ParamFileLayers.Line l : ParamFileLayers.read(param)) {
            Manifest.LayerEntry e = entries.get(l.name());
            long bytes = e == null ? 0 : e.weights().stream().mapToLong(Manifest.WeightEntry::length).sum();
            nodes.add(new ReportData.GraphNode(layerId(l.name()), "ncnn", l.type(), l.name(), l.params(), l.bottoms(),
                    l.tops(), bytes, e == null ? null : e.source(), List.of(), null, null));
            for (String t : l.tops()) {
                blobs.put(t, new ReportData.BlobInfo(null, manifest == null ? null : manifest.blobs().get(t), null,
                        null, null));
            }
        }
        return new ReportData(title(model), param.toString(), "converted", nodes.size() + " layers in " + param,
                nodes, blobs, List.of(), List.of(), List.of(), null);
    }

    /**
     * A layer's source nodes: those of its IR node, and of the IR nodes computing its tops' tensors
     * (an activation fused into a Convolution leaves its Relu's output as the layer's top).
     */
    private static List<SourceNode> sources(NcnnLayer l, NcnnModel m, ConversionTrace trace) {
        Set<SourceNode> out = new LinkedHashSet<>(trace.sources(l.source()));
        for (String top : l.tops) {
            String tensor = m.blobSources.get(top);
            if (tensor != null) {
                out.addAll(trace.sources(trace.producer(tensor)));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * A failed conversion: for unsupported nodes, the optimised IR graph with every reported node
     * marked with its reason; otherwise the message alone.
     */
    public static ReportData failed(Path model, ConversionException e, ConversionTrace trace) {
        if (!(e instanceof UnsupportedNodesException u)) {
            return new ReportData(title(model), model.toString(), "error", e.getMessage(), List.of(), Map.of(),
                    List.of(), List.of(), List.of(), null);
        }
        Map<String, UnsupportedNodesException.Problem> byId = new HashMap<>();
        List<ReportData.Problem> problems = new ArrayList<>();
        for (UnsupportedNodesException.Problem p : u.problems()) {
            byId.put(p.op().equals("Input") ? inputId(p.node()) : irId(p.node()), p);
            problems.add(new ReportData.Problem(p.node(), p.op(), p.kind().name().toLowerCase(), p.reason()));
        }
        List<ReportData.GraphNode> nodes = new ArrayList<>();
        Set<String> computed = new HashSet<>(trace.inputs());
        for (String in : trace.inputs()) {
            nodes.add(new ReportData.GraphNode(inputId(in), "ir", "Input", in, "", List.of(), List.of(in), 0, null,
                    List.of(), null, reason(byId.get(inputId(in)))));
        }
        for (ConversionTrace.IrNode n : trace.irNodes()) {
            computed.addAll(n.outputs());
        }
        Map<String, ReportData.BlobInfo> blobs = new LinkedHashMap<>();
        for (ConversionTrace.IrNode n : trace.irNodes()) {
            List<String> bottoms = new ArrayList<>();
            for (String in : n.inputs()) {
                // constants (weights) have no producer: they are no edges of the graph
                if (in != null && computed.contains(in)) {
                    bottoms.add(in);
                }
            }
            for (String t : n.outputs()) {
                blobs.put(t, new ReportData.BlobInfo(trace.shape(t), t, null, null, null));
            }
            nodes.add(new ReportData.GraphNode(irId(n.name()), "ir", n.op(), n.name(), "", bottoms, n.outputs(), 0,
                    n.name(), trace.sources(n.name()), null, reason(byId.get(irId(n.name())))));
        }
        return new ReportData(title(model), model.toString(), "unsupported", e.getMessage(), nodes, blobs, List.of(),
                problems, List.of(), null);
    }

    /** Adds a comparison: each output's verdict and, with {@code --blobs}, each blob's error and the first diverging layer. */
    public static ReportData compared(ReportData page, ModelComparison.Result c) {
        List<ReportData.OutputCheck> checks = new ArrayList<>();
        for (ModelComparison.OutputResult o : c.outputs()) {
            Metrics m = o.metrics();
            checks.add(new ReportData.OutputCheck(o.name(), o.blob(), m.maxAbs(), m.maxRel(), m.cosine(), o.pass()));
        }
        Map<String, ReportData.BlobInfo> blobs = new LinkedHashMap<>(page.blobs());
        String diverging = null;
        if (c.blobs() != null) {
            c.blobs().metrics().forEach((blob, m) -> {
                ReportData.BlobInfo b = blobs.get(blob);
                blobs.put(blob, new ReportData.BlobInfo(b == null ? null : b.shape(), b == null ? null : b.source(),
                        m.maxAbs(), m.maxRel(), m.cosine()));
            });
            diverging = c.blobs().firstDivergingLayer() == null ? null : layerId(c.blobs().firstDivergingLayer());
        }
        return page.withComparison(c.pass() ? "match" : "mismatch", blobs, checks, diverging);
    }

    /** "3 nodes: ReduceMean, Sub, ..." or the anchor's name when its sources are unknown. */
    private static String groupLabel(List<SourceNode> sources, String anchor) {
        if (sources.isEmpty()) {
            return anchor;
        }
        Set<String> ops = new LinkedHashSet<>();
        sources.forEach(s -> ops.add(s.op()));
        return sources.size() + (sources.size() == 1 ? " node: " : " nodes: ") + String.join(", ", ops);
    }

    private static String irId(String node) {
        return "ir:" + node;
    }

    private static String inputId(String input) {
        return "input:" + input;
    }

    private static String reason(UnsupportedNodesException.Problem p) {
        return p == null ? null : p.reason() + " [" + p.kind().name().toLowerCase().replace('_', ' ') + "]";
    }

    private static String title(Path model) {
        return "pnnx-j: " + model.getFileName();
    }

    private static List<Integer> dims(int[] shape) {
        if (shape == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int d : shape) {
            out.add(d);
        }
        return out;
    }
}

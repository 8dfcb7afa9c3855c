package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.AtomicOutputs;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.BatchLayouts;
import dev.pnnxj.ncnn.BinWriter;
import dev.pnnxj.ncnn.DynamicShapeMerge;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.ncnn.PreLowering;
import dev.pnnxj.ncnn.PyScriptWriter;
import java.io.File;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One conversion: read the model, fix input shapes, run the passes, lower to ncnn, and write
 * .param, .bin, manifest and pyncnn script together or not at all. With {@code inputshape2=}
 * the model is lowered at both sizes and {@link DynamicShapeMerge} keeps what differs dynamic.
 */
public final class Converter {
    private Converter() {
    }

    /** What a conversion produced, for the CLI's summary and reports. */
    public record Result(NcnnModel model, Manifest manifest, List<String> passesApplied, ConvertOptions options) {
    }

    /** A file written with the model's, from the conversion's result (the CLI's {@code --report}); {@code option} names it in messages. */
    public record ExtraOutput(String option, Path path, Function<Result, AtomicOutputs.Content> content) {
    }

    /**
     * Watches one conversion, for reports that show where layers came from: it sees the graph as
     * the front end read it and again after the passes.
     */
    public interface Trace {
        /** The graph as the front end built it, before any pass (the same Node and Value objects passes then rewrite). */
        default void read(Graph g) {
        }

        /** The graph after the passes and the pre-lowering rewrites, just before it is lowered. */
        default void optimized(Graph g) {
        }
    }

    /** Watches nothing. */
    public static final Trace NO_TRACE = new Trace() {
    };

    public static Result convert(ConvertOptions o) {
        return convert(o, List.of(), NO_TRACE);
    }

    public static Result convert(ConvertOptions o, List<ExtraOutput> extras) {
        return convert(o, extras, NO_TRACE);
    }

    /**
     * Converts and writes the outputs and {@code extras} together, with {@code trace} watching the
     * first (or only) lowering; every output path is checked before the model is read, so a bad
     * one costs nothing and leaves nothing.
     */
    public static Result convert(ConvertOptions o, List<ExtraOutput> extras, Trace trace) {
        Map<String, Path> targets = o.outputs();
        extras.forEach(e -> targets.put(e.option(), e.path()));
        AtomicOutputs.check(targets, Set.of(o.model()));
        List<String> applied = new ArrayList<>();
        NcnnModel model = lowerAt(o, o.inputShapes(), applied, trace);
        DeploymentCheck.check(model, o, o.inputShapes());
        if (!o.inputShapes2().isEmpty()) {
            // the second graph is read afresh: passes rewrite the graph in place
            NcnnModel second = lowerAt(o, o.inputShapes2(), new ArrayList<>(), NO_TRACE);
            // checked before the merge, whose dynamic dims the estimate cannot size
            DeploymentCheck.check(second, o, o.inputShapes2());
            DynamicShapeMerge.merge(model, second);
        }
        Manifest[] manifest = new Manifest[1];
        Result result;
        try (AtomicOutputs out = new AtomicOutputs(Set.of(o.model()))) {
            out.write(o.ncnnParam(), s -> {
                Writer w = new OutputStreamWriter(s, StandardCharsets.UTF_8);
                ParamWriter.write(model, w);
                w.flush();
            });
            out.write(o.ncnnBin(), s -> manifest[0] = BinWriter.write(model, s, o.fp16()));
            out.write(o.manifest(), s -> manifest[0].write(s));
            out.write(o.ncnnPy(), s -> PyScriptWriter.write(model, fromScript(o, o.ncnnParam()), fromScript(o, o.ncnnBin()), s));
            result = new Result(model, manifest[0], applied, o);
            for (ExtraOutput e : extras) {
                out.write(e.path(), e.content().apply(result));
            }
            out.commit();
        }
        return result;
    }

    /** Reads the model, fixes its input shapes, runs the passes (names into {@code applied}) and the pre-lowering step, and lowers it. */
    private static NcnnModel lowerAt(ConvertOptions o, List<InputShape> shapes, List<String> applied, Trace trace) {
        Graph g = Frontends.read(o.model(), shapes);
        trace.read(g);
        applyInputShapes(g, shapes, shapes == o.inputShapes() ? "inputshape" : "inputshape2");
        applied.addAll(StandardPasses.run(g, o.optLevel()));
        BatchLayouts layouts = PreLowering.run(g);
        trace.optimized(g);
        return LowerToNcnn.lower(g, layouts, o.customLayers());
    }

    /** An output's path as the pyncnn script finds it: relative to the script's folder. */
    private static String fromScript(ConvertOptions o, Path p) {
        Path relative = o.ncnnPy().toAbsolutePath().normalize().getParent().relativize(p.toAbsolutePath().normalize());
        return relative.toString().replace(File.separatorChar, '/');
    }

    /** Overrides graph input shapes with {@code inputshape=}; without it the model's own must be static. */
    static void applyInputShapes(Graph g, List<InputShape> shapes, String key) {
        List<Value> inputs = g.inputs();
        if (shapes.isEmpty()) {
            for (Value v : inputs) {
                if (v.shape() == null || !v.shape().isKnown()) {
                    throw new ConversionException("input '" + v.name() + "' has " + (v.shape() == null ? "no recorded shape"
                            : "shape " + v.shape()) + ": give its static shape with inputshape=[...]");
                }
            }
            return;
        }
        if (shapes.size() != inputs.size()) {
            StringBuilder names = new StringBuilder();
            for (Value v : inputs) {
                names.append(names.length() > 0 ? ", " : "").append(v.name()).append(v.shape() == null ? "" : v.shape());
            }
            throw new ConversionException(key + "= gives " + shapes.size() + " shape(s) but the model has "
                    + inputs.size() + " input(s): " + names);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            InputShape s = shapes.get(i);
            if (v.shape() != null && v.shape().rank() != s.shape().rank()) {
                throw new ConversionException(key + "= gives " + s.shape() + " for input '" + v.name()
                        + "' of rank " + v.shape().rank() + " " + v.shape());
            }
            if (v.shape() != null) {
                for (int d = 0; d < v.shape().rank(); d++) {
                    int fixed = v.shape().dim(d);
                    if (fixed != dev.pnnxj.ir.Shape.UNKNOWN && fixed != s.shape().dim(d)) {
                        throw new ConversionException(key + "= gives " + s.shape() + " for input '" + v.name()
                                + "', whose dim " + d + " is fixed at " + fixed + " in the model " + v.shape()
                                + "; re-export the model with that axis dynamic to convert at another size");
                    }
                }
            }
            if (s.dtypeGiven() && v.dtype() != null && v.dtype() != s.dtype()) {
                throw new ConversionException(key + "= gives " + s.dtype().name().toLowerCase() + " for input '" + v.name()
                        + "', which the model declares " + v.dtype().name().toLowerCase() + ": drop the suffix or give the"
                        + " model's type");
            }
            v.setShape(s.shape());
            if (s.dtypeGiven() || v.dtype() == null) {
                v.setDtype(s.dtype());
            }
        }
    }
}

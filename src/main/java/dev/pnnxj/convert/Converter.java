package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.AtomicOutputs;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.BinWriter;
import dev.pnnxj.ncnn.DynamicShapeMerge;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.ncnn.PyScriptWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * Watches one conversion, for reports that show where layers came from: it sees the graph as
     * the front end read it and again after the passes, and may add files that are committed
     * together with the ncnn outputs (and so not at all when the conversion fails).
     */
    public interface Trace {
        /** The graph as the front end built it, before any pass (the same Node and Value objects passes then rewrite). */
        default void read(Graph g) {
        }

        /** The graph after the passes, just before it is lowered. */
        default void optimized(Graph g) {
        }

        /** Writes extra files with {@code out}, after the ncnn files and before the commit. */
        default void write(AtomicOutputs out, Result r) {
        }
    }

    /** Watches nothing. */
    public static final Trace NO_TRACE = new Trace() {
    };

    public static Result convert(ConvertOptions o) {
        return convert(o, NO_TRACE);
    }

    /** Converts with {@code trace} watching the first (or only) lowering. */
    public static Result convert(ConvertOptions o, Trace trace) {
        List<String> applied = new ArrayList<>();
        NcnnModel model = lowerAt(o, o.inputShapes(), applied, trace);
        if (!o.inputShapes2().isEmpty()) {
            // the second graph is read afresh: passes rewrite the graph in place
            DynamicShapeMerge.merge(model, lowerAt(o, o.inputShapes2(), new ArrayList<>(), NO_TRACE));
        }
        DeploymentCheck.check(model, o);
        Manifest[] manifest = new Manifest[1];
        try (AtomicOutputs out = new AtomicOutputs(Set.of(o.model()))) {
            out.write(o.ncnnParam(), s -> {
                Writer w = new OutputStreamWriter(s, StandardCharsets.UTF_8);
                ParamWriter.write(model, w);
                w.flush();
            });
            out.write(o.ncnnBin(), s -> manifest[0] = BinWriter.write(model, s, o.fp16()));
            out.write(o.manifest(), s -> manifest[0].write(s));
            out.write(o.ncnnPy(), s -> PyScriptWriter.write(model, fileName(o.ncnnParam()), fileName(o.ncnnBin()), s));
            Result r = new Result(model, manifest[0], applied, o);
            trace.write(out, r);
            out.commit();
            return r;
        }
    }

    /** Reads the model, fixes its input shapes, runs the passes (names into {@code applied}) and lowers it. */
    private static NcnnModel lowerAt(ConvertOptions o, List<InputShape> shapes, List<String> applied, Trace trace) {
        Graph g = Frontends.read(o.model(), shapes);
        trace.read(g);
        applyInputShapes(g, shapes);
        applied.addAll(StandardPasses.run(g, o.optLevel()));
        trace.optimized(g);
        return LowerToNcnn.lower(g);
    }

    private static String fileName(Path p) {
        return p.getFileName().toString();
    }

    /** Overrides graph input shapes with {@code inputshape=}; without it the model's own must be static. */
    static void applyInputShapes(Graph g, List<InputShape> shapes) {
        List<Value> inputs = g.inputs();
        if (shapes.isEmpty()) {
            for (Value v : inputs) {
                if (v.shape() == null || !v.shape().isKnown()) {
                    throw new ConversionException("input '" + v.name() + "' has shape " + (v.shape() == null ? "[?]" : v.shape())
                            + ": give its static shape with inputshape=[...]");
                }
            }
            return;
        }
        if (shapes.size() != inputs.size()) {
            StringBuilder names = new StringBuilder();
            for (Value v : inputs) {
                names.append(names.length() > 0 ? ", " : "").append(v.name()).append(v.shape() == null ? "" : v.shape());
            }
            throw new ConversionException("inputshape= gives " + shapes.size() + " shape(s) but the model has "
                    + inputs.size() + " input(s): " + names);
        }
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            InputShape s = shapes.get(i);
            if (v.shape() != null && v.shape().rank() != s.shape().rank()) {
                throw new ConversionException("inputshape= gives " + s.shape() + " for input '" + v.name()
                        + "' of rank " + v.shape().rank() + " " + v.shape());
            }
            if (v.shape() != null) {
                for (int d = 0; d < v.shape().rank(); d++) {
                    int fixed = v.shape().dim(d);
                    if (fixed != dev.pnnxj.ir.Shape.UNKNOWN && fixed != s.shape().dim(d)) {
                        throw new ConversionException("inputshape= gives " + s.shape() + " for input '" + v.name()
                                + "', whose dim " + d + " is fixed at " + fixed + " in the model " + v.shape()
                                + "; re-export the model with that axis dynamic to convert at another size");
                    }
                }
            }
            v.setShape(s.shape());
            v.setDtype(s.dtype());
        }
    }
}

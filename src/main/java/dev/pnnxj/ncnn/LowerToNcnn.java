package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Lowers a shape-inferred graph to an ncnn network: Input layers named {@code in0, in1, ...},
 * one emitter call per node, then the network-level clean-ups, and output blobs named
 * {@code out0, out1, ...} as pnnx names them. Every node that fails is collected and reported at
 * once.
 */
public final class LowerToNcnn {
    private LowerToNcnn() {
    }

    public static NcnnModel lower(Graph g) {
        BatchAxis.mark(g);
        Lowering ctx = new Lowering(g);
        List<UnsupportedNodesException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            Value v = g.inputs().get(i);
            String blob = "in" + i;
            NcnnLayer l = ctx.add("Input", null);
            l.tops.add(blob);
            try {
                int[] whdc = NcnnAxes.whdc(NcnnAxes.dims(v));
                putShape(l, whdc, NcnnAxes.dims(v).length);
            } catch (Emitter.Unsupported e) {
                problems.add(new UnsupportedNodesException.Problem(v.name(), "Input", String.valueOf(v.shape()),
                        e.getMessage()));
            }
            ctx.bind(v, blob);
            ctx.model().inputs.put(blob, v.name());
        }
        for (Node n : g.nodes()) {
            Emitter e = Emitters.get(n.op());
            try {
                if (e == null) {
                    throw new Emitter.Unsupported("no ncnn layer implements " + n.op());
                }
                e.emit(n, ctx);
                // after the emitter, so that its own reason wins; any problem fails the whole lowering
                NcnnAxes.requireOneBatchLayout(n);
            } catch (Emitter.Unsupported ex) {
                problems.add(new UnsupportedNodesException.Problem(n.name(), n.op(), describeInputs(n),
                        ex.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedNodesException(problems);
        }
        NcnnModel model = ctx.model();
        for (int i = 0; i < g.outputs().size(); i++) {
            Value v = g.outputs().get(i);
            String blob = ctx.blob(v);
            String name = "out" + i;
            if (model.inputs.containsKey(blob) || model.outputs.containsKey(blob)) {
                // an output that is an input or another output still needs a blob of its own
                NcnnLayer l = ctx.add("Noop", null);
                l.bottoms.add(blob);
                l.tops.add(name);
            } else {
                NetworkRewrites.renameBlob(model, blob, name);
            }
            model.outputs.put(name, v.name());
            model.blobSources.put(name, v.name());
            if (v.shape() != null) {
                model.blobShapes.put(name, NcnnAxes.dims(v));
            }
        }
        NetworkRewrites.optimize(model);
        return model;
    }

    /**
     * Writes a shape as Input / Reshape / MemoryData params: 0=w, 1=h, then 2=c for 3-D or 11=d 2=c
     * for 4-D.
     *
     * @param whdc the shape from {@link NcnnAxes#whdc(int[])}
     * @param rank the ncnn rank of the shape
     */
    public static void putShape(NcnnLayer l, int[] whdc, int rank) {
        if (rank >= 1) {
            l.params.put(0, whdc[0]);
        }
        if (rank >= 2) {
            l.params.put(1, whdc[1]);
        }
        if (rank == 3) {
            l.params.put(2, whdc[2]);
        }
        if (rank == 4) {
            l.params.put(11, whdc[2]);
            l.params.put(2, whdc[3]);
        }
    }

    private static String describeInputs(Node n) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Value v : n.inputs()) {
            if (v == null) {
                j.add("-");
            } else {
                j.add(v.name() + ":" + (v.dtype() == null ? "?" : v.dtype().name().toLowerCase())
                        + (v.shape() == null ? "[?]" : v.shape().toString()) + (v.isConstant() ? " const" : ""));
            }
        }
        return j.toString();
    }

    /** Blob renames keep the shape/source maps in step with the layers. */
    static void renameInMaps(NcnnModel m, String from, String to) {
        for (Map<String, ?> map : List.<Map<String, ?>>of(m.blobSources, m.blobShapes)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> mm = (Map<String, Object>) map;
            if (mm.containsKey(from)) {
                mm.put(to, mm.remove(from));
            }
        }
    }
}

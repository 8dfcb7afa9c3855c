package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.emit.CustomLayerEmitter;
import dev.pnnxj.ncnn.layer.Input;
import dev.pnnxj.ncnn.layer.MemoryData;
import dev.pnnxj.ncnn.layer.Noop;
import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.ncnn.layer.Reshape;
import dev.pnnxj.ncnn.layer.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Lowers a shape-inferred graph to an ncnn network: Input layers named {@code in0, in1, ...},
 * one emitter call per node, then the network-level clean-ups, and output blobs named
 * {@code out0, out1, ...} as pnnx names them. Every node that fails is collected and reported at
 * once.
 */
public final class LowerToNcnn {
    /** Layers written by the lowering itself: inputs, output copies, constants, and Splits of blobs read twice. */
    private static final Set<String> NETWORK_LAYERS = Set.of(Input.TYPE, Noop.TYPE, MemoryData.TYPE, Split.TYPE);
    private static final Set<String> LAYER_TYPES = collectLayerTypes();
    private static final Emitter CUSTOM = new CustomLayerEmitter();

    private LowerToNcnn() {
    }

    /**
     * Every ncnn layer type a converted network can hold; {@link #lower} refuses to return a
     * network with any other, so this is the set tools downstream (the reference executor) must run.
     */
    public static Set<String> layerTypes() {
        return LAYER_TYPES;
    }

    private static Set<String> collectLayerTypes() {
        Set<String> types = new TreeSet<>(Emitters.layerTypes());
        types.addAll(NETWORK_LAYERS);
        return Collections.unmodifiableSet(types);
    }

    /** Runs {@link PreLowering} on the graph, then lowers it. */
    public static NcnnModel lower(Graph g) {
        return lower(g, PreLowering.run(g), Set.of());
    }

    /**
     * Lowers a graph {@link PreLowering} prepared, with the layouts it returned; nodes whose op is in
     * {@code customLayers} become custom layers of that type ({@link CustomLayerEmitter}) instead of
     * being lowered or refused. The graph is frozen meanwhile (an emitter that tried to change it
     * fails with an IllegalStateException naming it) and left as it was.
     */
    public static NcnnModel lower(Graph g, BatchLayouts layouts, Set<String> customLayers) {
        g.freeze();
        try {
            return lowerFrozen(g, layouts, customLayers);
        } finally {
            g.thaw();
        }
    }

    private static NcnnModel lowerFrozen(Graph g, BatchLayouts batch, Set<String> customLayers) {
        Lowering ctx = new Lowering(g, batch);
        List<UnsupportedNodesException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            Value v = g.inputs().get(i);
            String blob = "in" + i;
            NcnnLayer l = ctx.add(Input.TYPE, null);
            l.tops.add(blob);
            try {
                int[] whdc = NcnnAxes.whdc(ctx.dims(v));
                putShape(l, whdc, ctx.dims(v).length);
            } catch (Emitter.Unsupported e) {
                problems.add(new UnsupportedNodesException.Problem(v.name(), Input.TYPE, List.of(operand(v)), e.kind(),
                        e.getMessage()));
            }
            ctx.bind(v, blob);
            ctx.model().inputs.put(blob, v.name());
            if (v.dtype() != null && !v.dtype().isFloating()) {
                ctx.model().integerInputs.add(blob);
            }
            if (batch.batch(v) > 0) {
                ctx.model().batches.put(blob, batch.batch(v));
            }
        }
        Set<Node> failed = new HashSet<>();
        boolean staticInputs = g.inputs().stream().allMatch(ShapeOrigins::resolved);
        for (Node n : g.nodes()) {
            boolean custom = customLayers.contains(n.op());
            Emitter e = custom ? CUSTOM : Emitters.get(n.op());
            try {
                if (e == null) {
                    throw new Emitter.Unsupported(UnsupportedNodesException.Kind.UNKNOWN_OP,
                            "no ncnn layer implements " + n.op());
                }
                if (!custom) {
                    // a custom op's outputs have no shape rule; the layers after it need theirs
                    requireShapes(n, g);
                }
                e.emit(n, ctx);
                for (Value o : custom ? List.<Value>of() : n.outputs()) {
                    if (!o.users().isEmpty() || g.isOutput(o)) {
                        // every blob the layer writes must fit ncnn: at most 4 dims, none empty
                        ctx.dims(o);
                    }
                }
                if (staticInputs && !custom && ShapeOrigins.isOrigin(n)) {
                    // the emitter read the unknown dims as "whatever comes": with every input size
                    // fixed they are data-dependent, and the layer would be right only by chance
                    throw new Emitter.Unsupported(UnsupportedNodesException.Kind.DATA_DEPENDENT_SHAPE,
                            ShapeOrigins.why(n));
                }
            } catch (Emitter.Unsupported ex) {
                problems.add(problem(n, ex, failed));
                failed.add(n);
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
                NcnnLayer l = ctx.add(Noop.TYPE, null);
                l.bottoms.add(blob);
                l.tops.add(name);
            } else {
                NetworkRewrites.renameBlob(model, blob, name);
            }
            model.outputs.put(name, v.name());
            model.blobSources.put(name, v.name());
            if (batch.batch(v) > 0) {
                model.batches.put(name, batch.batch(v));
            }
            if (v.shape() != null) {
                model.blobShapes.put(name, ctx.dims(v));
            }
        }
        NetworkRewrites.optimize(model);
        for (NcnnLayer l : model.layers) {
            if (!LAYER_TYPES.contains(l.type()) && !model.customLayers.containsKey(l.type())) {
                throw new IllegalStateException("layer " + l.name() + " has type " + l.type()
                        + ", which no emitter declares in layerTypes()");
            }
        }
        return model;
    }

    /**
     * Refuses a node that reads or writes a value shape inference left without a shape, naming the
     * value: emitters read shapes freely, and one that met a missing shape would fail with no word on
     * which node or value. {@link #problem} then points at the node upstream where the shape was lost.
     */
    private static void requireShapes(Node n, Graph g) {
        for (Value v : n.inputs()) {
            if (v != null && !v.isConstant() && v.shape() == null) {
                throw new Emitter.Unsupported("input '" + v.name() + "' has no inferred shape");
            }
        }
        for (Value v : n.outputs()) {
            if (v.shape() == null && (!v.users().isEmpty() || g.isOutput(v))) {
                throw new Emitter.Unsupported("output '" + v.name() + "' has no inferred shape");
            }
        }
    }

    /**
     * Writes a shape as Input / Reshape / MemoryData params: w, h, then c for 3-D or d and c for 4-D.
     *
     * @param whdc the shape from {@link NcnnAxes#whdc(int[])}
     * @param rank the ncnn rank of the shape
     */
    public static void putShape(NcnnLayer l, int[] whdc, int rank) {
        // Input and MemoryData share Input's ids; Reshape's are the same ids with other defaults
        List<Param.Int> dims = l.type().equals(Reshape.TYPE) ? Reshape.WHDC : Input.WHDC;
        if (rank >= 1) {
            l.params.put(dims.get(0), whdc[0]);
        }
        if (rank >= 2) {
            l.params.put(dims.get(1), whdc[1]);
        }
        if (rank == 3) {
            l.params.put(dims.get(3), whdc[2]);
        }
        if (rank == 4) {
            l.params.put(dims.get(2), whdc[2]);
            l.params.put(dims.get(3), whdc[3]);
        }
    }

    /**
     * The report entry for a node that failed: a failure caused by an input whose shape is not
     * static points at the node upstream where that began, and a node that itself makes shapes
     * depend on data says so, whatever its emitter complained about.
     */
    private static UnsupportedNodesException.Problem problem(Node n, Emitter.Unsupported ex, Set<Node> failed) {
        List<UnsupportedNodesException.Operand> operands = new ArrayList<>();
        for (Value v : n.inputs()) {
            operands.add(v == null ? null : operand(v));
        }
        UnsupportedNodesException.Kind kind = ex.kind();
        String reason = ex.getMessage();
        for (Value v : n.inputs()) {
            List<Node> origins = ShapeOrigins.of(v);
            if (!origins.isEmpty()) {
                StringJoiner causes = new StringJoiner("; ");
                for (Node o : origins) {
                    causes.add(o.op() + " '" + o.name() + "' upstream"
                            + (failed.contains(o) ? " (reported above)" : ": " + ShapeOrigins.why(o)));
                }
                return new UnsupportedNodesException.Problem(n.name(), n.op(), operands,
                        UnsupportedNodesException.Kind.UPSTREAM,
                        "input '" + v.name() + "' has no static shape because of " + causes);
            }
        }
        if (ShapeOrigins.isOrigin(n)) {
            String why = ShapeOrigins.why(n);
            if (kind == UnsupportedNodesException.Kind.UNKNOWN_OP) {
                reason = reason + "; " + why;
            } else if (!reason.equals(why)) {
                reason = why + " (" + reason + ")";
            }
            if (kind != UnsupportedNodesException.Kind.UNKNOWN_OP) {
                kind = UnsupportedNodesException.Kind.DATA_DEPENDENT_SHAPE;
            }
        }
        return new UnsupportedNodesException.Problem(n.name(), n.op(), operands, kind, reason);
    }

    private static UnsupportedNodesException.Operand operand(Value v) {
        return new UnsupportedNodesException.Operand(v.name(),
                v.dtype() == null ? "?" : v.dtype().name().toLowerCase(),
                v.shape() == null ? null : v.shape().dims(), v.isConstant());
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

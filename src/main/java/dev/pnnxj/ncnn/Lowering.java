package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.layer.MemoryData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State shared by emitters while one graph is lowered: blob names for IR values, unique layer
 * names, the layers emitted so far, and the batch layouts ({@link BatchLayouts}) that map each
 * value onto ncnn's axes. The graph is frozen meanwhile: constants an emitter needs are made here
 * as MemoryData layers ({@link #memoryData(String, Tensor)}), and intermediate blobs record their
 * shape through {@link #newBlob(int[])}. Graph constants used as activations become MemoryData
 * layers on first use.
 */
public final class Lowering {
    private final Graph graph;
    private final BatchLayouts layouts;
    private final NcnnModel model = new NcnnModel();
    private final Map<Value, String> blobs = new HashMap<>();
    private final Map<String, Integer> layerCounters = new HashMap<>();
    private int blobCounter;

    public Lowering(Graph graph, BatchLayouts layouts) {
        this.graph = graph;
        this.layouts = layouts;
    }

    /** The batch layouts this lowering maps values with. */
    public BatchLayouts layouts() {
        return layouts;
    }

    /** ncnn dims of the value, outermost first (see {@link NcnnAxes#dims(BatchLayouts, Value)}). */
    public int[] dims(Value v) {
        return NcnnAxes.dims(layouts, v);
    }

    /** ncnn rank of the value. */
    public int rank(Value v) {
        return NcnnAxes.rank(layouts, v);
    }

    /** ncnn's positional axis for an IR axis (negative allowed) of the value. */
    public int axis(Value v, long irAxis) {
        return NcnnAxes.axis(layouts, v, irAxis);
    }

    /** Whether the value carries a batch axis that ncnn drops. */
    public boolean hasBatch(Value v) {
        return NcnnAxes.hasBatch(layouts, v);
    }

    /** Whether ncnn keeps the activation's axis 0 as its outermost axis. */
    public boolean keepsAxis0(Value v) {
        return layouts.keepsAxis0(v);
    }

    /** Whether anything reads the value: a node, or the graph as an output. */
    public boolean isRead(Value v) {
        return !v.users().isEmpty() || graph.isOutput(v);
    }

    public NcnnModel model() {
        return model;
    }

    /** The blob holding this value; a constant gets a MemoryData layer the first time. */
    public String blob(Value v) {
        String b = blobs.get(v);
        if (b != null) {
            return b;
        }
        if (v.isConstant()) {
            return memoryData(v);
        }
        b = newBlob();
        bind(v, b);
        return b;
    }

    /** Gives a value a chosen blob name (graph inputs and outputs, or aliases such as Identity). */
    public void bind(Value v, String blob) {
        blobs.put(v, blob);
        model.blobSources.putIfAbsent(blob, v.name());
        if (v.shape() != null) {
            try {
                model.blobShapes.putIfAbsent(blob, dims(v));
            } catch (Emitter.Unsupported e) {
                // the value's consumer will report it; the shape map is informational
            }
        }
    }

    /** Whether a blob was already assigned to the value. */
    public boolean hasBlob(Value v) {
        return blobs.containsKey(v);
    }

    /** A fresh intermediate blob name, for lowerings that take more than one layer. */
    public String newBlob() {
        return Integer.toString(blobCounter++);
    }

    /** A fresh intermediate blob whose ncnn dims are known, recorded in the model's shape map. */
    public String newBlob(int[] dims) {
        String b = newBlob();
        model.blobShapes.put(b, dims.clone());
        return b;
    }

    /** Makes {@code out} the same blob as {@code in}: the op is a no-op for ncnn. */
    public void alias(Value out, Value in) {
        bind(out, blob(in));
    }

    /** Appends a layer named after its type, e.g. {@code convolution_3}. */
    public NcnnLayer add(String type, Node source) {
        String base = type.toLowerCase();
        int n = layerCounters.merge(base, 1, Integer::sum) - 1;
        NcnnLayer l = new NcnnLayer(type, base + "_" + n, source == null ? null : source.name());
        model.layers.add(l);
        return l;
    }

    /** Appends a layer reading the given values and producing the node's outputs. */
    public NcnnLayer add(String type, Node source, List<Value> in, List<Value> out) {
        List<String> bottoms = new ArrayList<>();
        for (Value v : in) {
            bottoms.add(blob(v));
        }
        NcnnLayer l = add(type, source);
        l.bottoms.addAll(bottoms);
        for (Value v : out) {
            l.tops.add(blob(v));
        }
        return l;
    }

    /** The common case: one activation input (input 0) and the node's outputs. */
    public NcnnLayer unary(String type, Node node) {
        return add(type, node, List.of(node.input(0)), node.outputs());
    }

    /** The constant value of an input, or throws Unsupported naming what must be constant. */
    public Tensor requireConstant(Node node, int input, String what) {
        Value v = node.input(input);
        if (v == null || !v.isConstant()) {
            throw new Emitter.Unsupported(what + " must be a constant (input " + input + " of " + node.op()
                    + " depends on data)");
        }
        return v.constant();
    }

    private String memoryData(Value v) {
        String b = memoryData(v.name(), v.constant());
        bind(v, b);
        return b;
    }

    /**
     * A MemoryData layer holding {@code t} with its own dims (a scalar as one element), for a
     * constant an emitter makes itself; returns its blob. {@code name} names the weight.
     */
    public String memoryData(String name, Tensor t) {
        int[] dims = t.shape().dims();
        if (dims.length > NcnnAxes.MAX_DIMS) {
            throw new Emitter.Unsupported("constant '" + name + "' " + t.shape() + " has more than 4 dims");
        }
        NcnnLayer l = add(MemoryData.TYPE, null);
        String b = newBlob();
        l.tops.add(b);
        int[] shape = dims.length == 0 ? new int[] {1} : dims;
        LowerToNcnn.putShape(l, NcnnAxes.whdc(shape), shape.length);
        l.weights.add(new Weight(name, t, false));
        model.blobSources.putIfAbsent(b, name);
        if (Arrays.stream(dims).noneMatch(d -> d == 0)) {
            model.blobShapes.putIfAbsent(b, dims);
        }
        return b;
    }
}

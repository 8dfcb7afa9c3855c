package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for every activation, whether its axis 0 is a batch that ncnn carries as
 * {@code Mat::n} (and drops from the blob's dims) or an ordinary axis of the blob. The decision is
 * made per connected part of the graph (activations joined by the nodes that read and write them),
 * with one of three outcomes:
 *
 * <ul>
 *   <li>{@link Layout#BATCHED}: the part holds an op that defines a batch axis 0 (convolution,
 *       pooling, normalisation, a Linear, recurrent layers, attention) and no node moves data
 *       across axis 0. Every activation drops axis 0; ncnn runs the layers once per sample, so the
 *       model converts at any batch and is fed Mats with {@code n} = the batch.</li>
 *   <li>{@link Layout#WHOLE}: no op defines a batch and some input's axis 0 is not 1 (a
 *       {@code [2,16]} or {@code [5,7,9,11]} tensor through elementwise ops, reductions, softmax,
 *       concat, slices): the tensor has no batch axis, and every activation is an ncnn blob of
 *       all its dims (a leading 1 aside, which is dropped as in every layout).</li>
 *   <li>{@link Layout#KEPT}: a batch-defining part (or one whose inputs have a batch of 1) whose nodes
 *       move data across axis 0 <em>mixes</em>
 *       its samples (a video net with frames in the batch and a temporal shift; a sequence-first or
 *       unfused attention putting tokens or heads on axis 0). Each activation whose axis 0 is not 1
 *       keeps it as ncnn's outermost axis, and those whose axis 0 is 1 (the [1,T,C,H,W] view of a
 *       temporal shift, the [1,L,E] tokens around a sequence-first attention) drop it, so a view
 *       that only adds or removes that 1 is the same data.</li>
 * </ul>
 * See docs/ncnn-axes.md.
 */
public final class BatchAxis {
    /** How a connected part of the graph maps its activations' axis 0 onto ncnn. */
    public enum Layout {
        BATCHED, WHOLE, KEPT
    }

    /** Ops that read axis 0 of their data input as a batch, with the rank that input has then. */
    private static final Map<String, java.util.function.Predicate<Node>> DEFINES_BATCH = Map.ofEntries(
            Map.entry("Conv", n -> rankOf(n, 0) == rankOf(n, 1)),
            Map.entry("ConvTranspose", n -> rankOf(n, 0) == rankOf(n, 1)),
            Map.entry("MaxPool", BatchAxis::poolRank),
            Map.entry("AveragePool", BatchAxis::poolRank),
            Map.entry("LpPool", BatchAxis::poolRank),
            Map.entry("GlobalAveragePool", n -> rankOf(n, 0) >= 3),
            Map.entry("GlobalMaxPool", n -> rankOf(n, 0) >= 3),
            Map.entry("BatchNormalization", n -> rankOf(n, 0) >= 2),
            Map.entry("InstanceNormalization", n -> rankOf(n, 0) >= 3),
            Map.entry("GroupNormalization", n -> rankOf(n, 0) >= 3),
            Map.entry("LRN", n -> rankOf(n, 0) >= 3),
            Map.entry("Resize", n -> rankOf(n, 0) >= 3),
            Map.entry("Upsample", n -> rankOf(n, 0) >= 3),
            Map.entry("DepthToSpace", n -> rankOf(n, 0) == 4),
            Map.entry("SpaceToDepth", n -> rankOf(n, 0) == 4),
            Map.entry("GridSample", n -> rankOf(n, 0) >= 4),
            Map.entry("PRelu", n -> rankOf(n, 0) >= 2),
            Map.entry("Gemm", n -> rankOf(n, 0) == 2 && constant(n, 1)),
            Map.entry("MatMul", n -> rankOf(n, 0) >= 2 && constant(n, 1)),
            Map.entry("LayerNormalization", n -> rankOf(n, 0) >= 2),
            Map.entry("RMSNormalization", n -> rankOf(n, 0) >= 2),
            Map.entry("MultiHeadAttention", n -> true),
            Map.entry("BatchFirstLSTM", n -> true),
            Map.entry("BatchFirstGRU", n -> true),
            Map.entry("BatchFirstRNN", n -> true));

    private final Map<Value, Layout> layouts;
    private final Map<Value, Integer> batches;

    private BatchAxis(Map<Value, Layout> layouts, Map<Value, Integer> batches) {
        this.layouts = layouts;
        this.batches = batches;
    }

    /** Analyses a shape-inferred graph. */
    public static BatchAxis of(Graph g) {
        Parts parts = new Parts();
        for (Value v : g.inputs()) {
            parts.add(v);
        }
        for (Node n : g.nodes()) {
            Value first = null;
            for (List<Value> side : List.of(n.inputs(), n.outputs())) {
                for (Value v : side) {
                    if (activation(v)) {
                        parts.add(v);
                        if (first == null) {
                            first = v;
                        } else {
                            parts.join(first, v);
                        }
                    }
                }
            }
        }
        Map<Value, Boolean> mixes = new HashMap<>();
        Map<Value, Boolean> defines = new HashMap<>();
        for (Node n : g.nodes()) {
            Value any = firstActivation(n);
            if (any == null) {
                continue;
            }
            Value root = parts.root(any);
            if (mixes(n)) {
                mixes.put(root, true);
            }
            var rule = DEFINES_BATCH.get(n.op());
            if (rule != null && rule.test(n)) {
                defines.put(root, true);
            }
        }
        Map<Value, Boolean> unitInputs = new HashMap<>();
        Map<Value, Integer> batchOf = new HashMap<>();
        for (Value v : g.inputs()) {
            Value root = parts.root(v);
            int d0 = v.shape() != null && v.shape().isKnown() && v.shape().rank() > 0 ? v.shape().dim(0) : -1;
            unitInputs.merge(root, d0 == 1, Boolean::logicalAnd);
            batchOf.merge(root, d0, Math::max);
        }
        Map<Value, Layout> layouts = new IdentityHashMap<>();
        Map<Value, Integer> batches = new IdentityHashMap<>();
        for (Value v : parts.members()) {
            Value root = parts.root(v);
            boolean mixed = mixes.getOrDefault(root, false);
            Layout layout;
            if (defines.getOrDefault(root, false) || unitInputs.getOrDefault(root, true)) {
                // without a batch-defining op, a batch of 1 is still read as one: dropping it is
                // exact, and it keeps such graphs' blobs as they have always been
                layout = mixed ? Layout.KEPT : Layout.BATCHED;
            } else {
                layout = Layout.WHOLE;
            }
            layouts.put(v, layout);
            if (layout == Layout.BATCHED) {
                batches.put(v, Math.max(1, batchOf.getOrDefault(root, 1)));
            }
        }
        return new BatchAxis(layouts, batches);
    }

    /** Whether some node of the graph moves data across axis 0 of an activation. */
    public static boolean mixed(Graph g) {
        for (Node n : g.nodes()) {
            if (mixes(n)) {
                return true;
            }
        }
        return false;
    }

    /** The layout of the part the activation belongs to ({@link Layout#BATCHED} for constants). */
    public Layout layout(Value v) {
        return layouts.getOrDefault(v, Layout.BATCHED);
    }

    /** Whether ncnn holds the activation's axis 0 as a blob axis rather than dropping it. */
    public boolean keepsAxis0(Value v) {
        Shape s = v.shape();
        // a leading 1 is dropped in every layout: the same data with one dim less, so a view that
        // adds or removes it (the clip view of a temporal shift) stays one ncnn blob
        return layout(v) != Layout.BATCHED && !v.isConstant() && s != null && s.isKnown() && s.rank() > 0
                && s.dim(0) != 1;
    }

    /**
     * The {@code Mat::n} an activation of a batched part is fed or read with: the largest axis 0 of
     * the part's inputs; 0 for a value without a batch axis (pyncnn's 233). A value of a part that
     * keeps axis 0 but dropped its own batch of 1 has batch 1.
     */
    public int batch(Value v) {
        return keepsAxis0(v) ? 0 : batches.getOrDefault(v, 1);
    }

    /** Whether some batched part of the graph runs more than one sample. */
    public boolean batchedAboveOne() {
        return batches.values().stream().anyMatch(b -> b > 1);
    }

    /**
     * A node mixes samples when its result's axis 0 differs from the largest axis 0 among its
     * activation inputs (reshapes, slices, concatenations and reductions over axis 0), when it
     * moves axis 0 elsewhere, or when it normalises along axis 0.
     */
    static boolean mixes(Node n) {
        int batch = -1;
        for (Value v : n.inputs()) {
            if (v != null && !v.isConstant() && v.shape() != null && v.shape().rank() > 0) {
                batch = Math.max(batch, v.shape().dim(0));
            }
        }
        if (batch < 0) {
            return false;
        }
        for (Value o : n.outputs()) {
            if (o.shape() == null || !o.shape().isKnown() || o.dtype() != null && !o.dtype().isFloating()) {
                // a data-dependent result is refused anyway, and integer shape glue is folded away:
                // neither says anything about the layout of data
                return false;
            }
        }
        for (Value o : n.outputs()) {
            if (o.shape().rank() == 0 || o.shape().dim(0) != batch) {
                return true;
            }
        }
        return switch (n.op()) {
            case "Transpose" -> n.has("perm") && n.getInts("perm")[0] != 0;
            case "Softmax", "LogSoftmax", "Hardmax" -> n.getInt("axis", -1) == 0 || rank1(n.input(0));
            case "CumSum" -> cumSumAlongAxis0(n) || rank1(n.input(0));
            default -> false;
        };
    }

    private static boolean activation(Value v) {
        return v != null && !v.isConstant();
    }

    private static Value firstActivation(Node n) {
        for (List<Value> side : List.of(n.inputs(), n.outputs())) {
            for (Value v : side) {
                if (activation(v)) {
                    return v;
                }
            }
        }
        return null;
    }

    private static int rankOf(Node n, int input) {
        Value v = n.input(input);
        return v == null || v.shape() == null ? -1 : v.shape().rank();
    }

    private static boolean constant(Node n, int input) {
        return n.input(input) != null && n.input(input).isConstant();
    }

    private static boolean poolRank(Node n) {
        return n.has("kernel_shape") && rankOf(n, 0) == n.getInts("kernel_shape").length + 2;
    }

    /** CumSum's axis is an input; a data-dependent one is refused when lowering. */
    private static boolean cumSumAlongAxis0(Node n) {
        Value axis = n.input(1);
        if (axis == null || !axis.isConstant() || axis.constant().numel() != 1 || n.input(0).shape() == null) {
            return false;
        }
        long a = axis.constant().toLongs()[0];
        return a == 0 || a == -n.input(0).shape().rank();
    }

    private static boolean rank1(Value v) {
        return v.shape() != null && v.shape().rank() == 1;
    }

    /** Union-find over activations: the connected parts of the graph. */
    private static final class Parts {
        private final Map<Value, Value> parent = new IdentityHashMap<>();
        private final List<Value> order = new ArrayList<>();

        void add(Value v) {
            if (parent.putIfAbsent(v, v) == null) {
                order.add(v);
            }
        }

        Value root(Value v) {
            Value p = parent.get(v);
            if (p == null) {
                return v;
            }
            while (p != parent.get(p)) {
                parent.put(p, parent.get(parent.get(p)));
                p = parent.get(p);
            }
            return p;
        }

        void join(Value a, Value b) {
            Value ra = root(a);
            Value rb = root(b);
            if (ra != rb) {
                parent.put(rb, ra);
            }
        }

        List<Value> members() {
            return order;
        }
    }
}

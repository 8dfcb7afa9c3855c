package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.Flatten;
import dev.pnnxj.ncnn.layer.InnerProduct;
import dev.pnnxj.ncnn.layer.LayerNorm;
import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.ncnn.layer.Pooling;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets the 1-D blob of a global pooling flow on as it is, where the IR's [C,1,1] (or [1,1,C]) view
 * of it changes nothing ncnn computes: the classifier's {@code Pooling → Flatten → InnerProduct},
 * squeeze-excite's {@code Pooling → Reshape → 1×1 Convolution → … → BinaryOp(x, gate)}, ConvNeXt's
 * {@code Pooling → Reshape → LayerNorm → Flatten}. pnnx writes these without the views too.
 *
 * <p>A view {@code Reshape} of a 1-D [n] blob that puts n on c (or on w) goes when every layer that
 * reads it, and reads what those make, takes a 1-D [n] blob alike:
 * <ul>
 *   <li>an elementwise layer: its result is 1-D too;</li>
 *   <li>a 1×1 Convolution without padding, n on c: ncnn runs a 1-D input as an InnerProduct (its
 *       deprecated compatibility path), so it becomes that InnerProduct, with the same weights;
 *       its result is 1-D [num_output];</li>
 *   <li>LayerNorm over the n values, n on w: its result is 1-D too;</li>
 *   <li>Flatten: a no-op on 1-D, so removed; InnerProduct: it flattens anyway;</li>
 *   <li>a two-input BinaryOp whose other operand is 3-D or 4-D with n channels, n on c: ncnn
 *       broadcasts a 1-D [n] operand over channels, as it did the [n,1,1] view.</li>
 * </ul>
 * No blob of the chain may be a graph output. A Flatten read straight from a global pooling goes too.
 */
final class VectorViews {
    private VectorViews() {
    }

    private record Graph(Map<String, NcnnLayer> producer, Map<String, List<NcnnLayer>> readers) {
        static Graph of(NcnnModel model) {
            Map<String, NcnnLayer> producer = new HashMap<>();
            Map<String, List<NcnnLayer>> readers = new HashMap<>();
            for (NcnnLayer l : model.layers) {
                l.tops.forEach(t -> producer.put(t, l));
                l.bottoms.forEach(b -> readers.computeIfAbsent(b, k -> new ArrayList<>()).add(l));
            }
            return new Graph(producer, readers);
        }

        List<NcnnLayer> readersOf(String blob) {
            return readers.getOrDefault(blob, List.of());
        }
    }

    static void run(NcnnModel model) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Graph g = Graph.of(model);
            for (NcnnLayer l : model.layers) {
                if (l.bottoms.size() == 1 && l.tops.size() == 1 && isVector(model, g, l.bottoms.get(0))
                        && (l.type().equals(Flatten.TYPE) || l.type().equals(Reshape.TYPE)) && drop(model, g, l)) {
                    changed = true;
                    break;
                }
            }
        }
    }

    /** Whether the blob is 1-D: a global pooling's result, or recorded so. */
    private static boolean isVector(NcnnModel model, Graph g, String blob) {
        NcnnLayer p = g.producer.get(blob);
        if (p != null && p.type().startsWith(Pooling.TYPE) && p.params.getInt(Pooling.GLOBAL_POOLING) == 1) {
            return true;
        }
        int[] shape = model.blobShapes.get(blob);
        return shape != null && shape.length == 1 && shape[0] > 0;
    }

    /** The recorded length of a 1-D blob, or -1 (a global pooling's is its view's). */
    private static int length(NcnnModel model, String blob) {
        int[] shape = model.blobShapes.get(blob);
        return shape != null && shape.length == 1 ? shape[0] : -1;
    }

    /** Drops the view (or the Flatten) {@code view} if everything downstream takes the 1-D blob. */
    private static boolean drop(NcnnModel model, Graph g, NcnnLayer view) {
        String in = view.bottoms.get(0);
        String out = view.tops.get(0);
        if (model.outputs.containsKey(out) && !view.type().equals(Flatten.TYPE)) {
            return false;
        }
        if (view.type().equals(Flatten.TYPE)) {
            if (model.outputs.containsKey(in) || model.inputs.containsKey(in)) {
                return false;
            }
            model.layers.remove(view);
            // a graph output keeps its name: the layer before takes it
            if (model.outputs.containsKey(out)) {
                NetworkRewrites.renameBlob(model, in, out);
            } else {
                NetworkRewrites.renameBlob(model, out, in);
            }
            return true;
        }
        Axis axis = Axis.of(view);
        if (axis == null || (length(model, in) > 0 && length(model, in) != axis.n)) {
            return false;
        }
        Set<String> chain = new HashSet<>();
        List<NcnnLayer> toInnerProduct = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>(List.of(out));
        Map<String, Integer> lengths = new HashMap<>();
        lengths.put(out, axis.n);
        while (!open.isEmpty()) {
            String blob = open.poll();
            if (!chain.add(blob)) {
                continue;
            }
            if (model.outputs.containsKey(blob)) {
                return false;
            }
            int n = lengths.get(blob);
            for (NcnnLayer r : g.readersOf(blob)) {
                String next = follow(model, r, blob, n, axis.onChannels, toInnerProduct);
                if (next == null) {
                    return false;
                }
                if (!next.isEmpty()) {
                    lengths.put(next, r.type().equals(Convolution.TYPE) ? r.params.getInt(Convolution.NUM_OUTPUT) : n);
                    open.add(next);
                }
            }
        }
        for (NcnnLayer conv : toInnerProduct) {
            model.layers.set(model.layers.indexOf(conv), asInnerProduct(conv));
        }
        for (String blob : chain) {
            model.blobShapes.put(blob, new int[] {lengths.get(blob)});
        }
        NetworkRewrites.renameBlob(model, out, in);
        model.blobShapes.put(in, new int[] {axis.n});
        model.layers.remove(view);
        return true;
    }

    /**
     * What reader {@code r} of the 1-D blob makes: its top when that is 1-D as well, "" when the
     * chain ends there, null when r needs the view.
     */
    private static String follow(NcnnModel model, NcnnLayer r, String blob, int n, boolean onChannels,
            List<NcnnLayer> toInnerProduct) {
        if (r.type().equals(InnerProduct.TYPE) || r.type().equals(Flatten.TYPE)) {
            return "";
        }
        if (r.tops.size() != 1) {
            return null;
        }
        if (r.bottoms.size() == 1 && NetworkRewrites.elementwise(r)) {
            return r.tops.get(0);
        }
        if (!onChannels && r.type().equals(LayerNorm.TYPE) && r.params.getInt(LayerNorm.AFFINE_SIZE) == n) {
            return r.tops.get(0);
        }
        if (onChannels && r.type().equals(Convolution.TYPE) && pointwise(r)) {
            toInnerProduct.add(r);
            return r.tops.get(0);
        }
        if (onChannels && r.type().equals(BinaryOp.TYPE) && r.bottoms.size() == 2) {
            String other = r.bottoms.get(0).equals(blob) ? r.bottoms.get(1) : r.bottoms.get(0);
            int[] shape = model.blobShapes.get(other);
            // NcnnAxes dims run outer to inner: channels first
            return shape != null && shape.length >= 3 && shape[0] == n ? "" : null;
        }
        return null;
    }

    private static boolean pointwise(NcnnLayer conv) {
        // an unset kernel_h or pad defaults to another of these, so checking the ones set suffices
        if (conv.params.getInt(Convolution.KERNEL_W) != 1 || !written(conv, Convolution.KERNEL_H, 1)) {
            return false;
        }
        for (Param.Int p : List.of(Convolution.PAD_LEFT, Convolution.PAD_RIGHT, Convolution.PAD_TOP,
                Convolution.PAD_BOTTOM)) {
            if (!written(conv, p, 0)) {
                return false;
            }
        }
        // activations are fused after this rewrite, so there is none to carry over yet
        return conv.params.getInt(Convolution.INT8_SCALE_TERM) == 0 && conv.bottoms.size() == 1
                && conv.params.getInt(Convolution.DYNAMIC_WEIGHT) == 0
                && conv.params.getInt(Convolution.ACTIVATION_TYPE) == 0;
    }

    /** Whether the param is unset or written as {@code value}. */
    private static boolean written(NcnnLayer l, Param.Int p, int value) {
        return !l.params.has(p) || l.params.getInt(p.id(), value) == value;
    }

    private static NcnnLayer asInnerProduct(NcnnLayer conv) {
        NcnnLayer ip = new NcnnLayer(InnerProduct.TYPE, conv.name(), conv.source());
        ip.bottoms.addAll(conv.bottoms);
        ip.tops.addAll(conv.tops);
        ip.params.put(InnerProduct.NUM_OUTPUT, conv.params.getInt(Convolution.NUM_OUTPUT));
        ip.params.put(InnerProduct.BIAS_TERM, conv.params.getInt(Convolution.BIAS_TERM));
        ip.params.put(InnerProduct.WEIGHT_DATA_SIZE, conv.params.getInt(Convolution.WEIGHT_DATA_SIZE));
        ip.weights.addAll(conv.weights);
        return ip;
    }

    /** Where a view Reshape puts the n values: on c (other dims 1) or on w (a 1-D or [1,..,n] view). */
    private record Axis(int n, boolean onChannels) {
        static Axis of(NcnnLayer reshape) {
            if (reshape.params.has(Reshape.SHAPE_EXPR)) {
                return null;
            }
            int w = reshape.params.getInt(Reshape.W);
            int h = reshape.params.getInt(Reshape.H);
            int d = reshape.params.getInt(Reshape.D);
            int c = reshape.params.getInt(Reshape.C);
            boolean hOne = h == 1 || h == -233;
            boolean dOne = d == 1 || d == -233;
            if (w == 1 && hOne && dOne && c > 1) {
                return new Axis(c, true);
            }
            if (w > 0 && hOne && dOne && (c == 1 || c == -233)) {
                return new Axis(w, false);
            }
            return null;
        }
    }
}

package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.Flatten;
import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.ncnn.layer.Reshape;
import dev.pnnxj.ncnn.layer.Split;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network-level rewrites on the emitted layers: activation fusion into the layer before it, and
 * Split layers for blobs read more than once (ncnn frees a blob after its single consumer runs,
 * so every extra reader needs its own copy from a Split).
 */
public final class NetworkRewrites {
    private NetworkRewrites() {
    }

    /** Layers that compute each element on its own, so the shape of their blob does not matter. */
    private static final Set<String> ELEMENTWISE = Set.of("UnaryOp", "GELU", "ReLU", "Sigmoid", "Swish", "Mish",
            "HardSwish", "HardSigmoid", "Clip", "TanH", "ELU", "SELU", "CELU", "Erf", "AbsVal", "BNLL", "Exp", "Log",
            "Power", "Dropout");

    static void optimize(NcnnModel model) {
        reshapeAroundElementwise(model);
        collapseReshapes(model);
        VectorViews.run(model);
        FuseActivation.run(model);
        insertSplits(model);
    }

    /**
     * Drops a Reshape whose only reader is a Flatten or a Reshape with explicit dims: both
     * reinterpret the row-major element order, so the first one changes nothing the second sees. Global pooling
     * followed by Flatten, for one, otherwise keeps a pointless Reshape.
     */
    static void collapseReshapes(NcnnModel model) {
        Map<String, Integer> readers = new HashMap<>();
        Map<String, NcnnLayer> producer = new HashMap<>();
        for (NcnnLayer l : model.layers) {
            for (String b : l.bottoms) {
                readers.merge(b, 1, Integer::sum);
            }
            for (String t : l.tops) {
                producer.put(t, l);
            }
        }
        List<NcnnLayer> dropped = new ArrayList<>();
        for (NcnnLayer l : model.layers) {
            if (!(l.type().equals(Reshape.TYPE) || l.type().equals(Flatten.TYPE)) || l.bottoms.size() != 1) {
                continue;
            }
            NcnnLayer first = producer.get(l.bottoms.get(0));
            if (first != null && first.type().equals(Reshape.TYPE) && !copiesInputDims(l)
                    && first.bottoms.size() == 1 && readers.get(l.bottoms.get(0)) == 1
                    && !model.outputs.containsKey(l.bottoms.get(0))) {
                l.bottoms.set(0, first.bottoms.get(0));
                dropped.add(first);
            }
        }
        model.layers.removeAll(dropped);
    }

    /**
     * Runs an elementwise layer on the blob before a Reshape when another Reshape with explicit dims
     * follows it: {@code Reshape(a) → Act → Reshape(b)} becomes {@code Act → Reshape(b)}, and the
     * second Reshape goes too when b is the shape the first one started from. Two InnerProducts
     * over the rows of a kept [S,1,E] blob leave exactly that around their activation.
     */
    static void reshapeAroundElementwise(NcnnModel model) {
        Map<String, List<NcnnLayer>> readers = new HashMap<>();
        Map<String, NcnnLayer> producer = new HashMap<>();
        for (NcnnLayer l : model.layers) {
            for (String b : l.bottoms) {
                readers.computeIfAbsent(b, k -> new ArrayList<>()).add(l);
            }
            for (String t : l.tops) {
                producer.put(t, l);
            }
        }
        List<NcnnLayer> dropped = new ArrayList<>();
        for (NcnnLayer act : model.layers) {
            if (!elementwise(act) || dropped.contains(act)) {
                continue;
            }
            NcnnLayer first = producer.get(act.bottoms.get(0));
            List<NcnnLayer> next = readers.getOrDefault(act.tops.get(0), List.of());
            if (first == null || dropped.contains(first) || !first.type().equals(Reshape.TYPE) || first.bottoms.size() != 1
                    || readers.get(first.tops.get(0)).size() != 1 || model.outputs.containsKey(first.tops.get(0))
                    || next.size() != 1 || !next.get(0).type().equals(Reshape.TYPE) || copiesInputDims(next.get(0))
                    || model.outputs.containsKey(act.tops.get(0))) {
                continue;
            }
            NcnnLayer second = next.get(0);
            String source = first.bottoms.get(0);
            act.bottoms.set(0, source);
            dropped.add(first);
            int[] from = model.blobShapes.get(source);
            int[] to = model.blobShapes.get(second.tops.get(0));
            if (from != null && to != null && Arrays.equals(from, to) && Arrays.stream(from).allMatch(d -> d > 0)) {
                act.tops.set(0, second.tops.get(0));
                dropped.add(second);
            }
        }
        model.layers.removeAll(dropped);
    }

    static boolean elementwise(NcnnLayer l) {
        return l.bottoms.size() == 1 && l.tops.size() == 1 && (ELEMENTWISE.contains(l.type())
                || l.type().equals(BinaryOp.TYPE) && l.params.getInt(BinaryOp.WITH_SCALAR) == 1);
    }

    /** A Reshape dim of 0 copies the input's dim, so such a Reshape depends on the shape it reads. */
    private static boolean copiesInputDims(NcnnLayer reshape) {
        for (Param.Int dim : Reshape.WHDC) {
            if (reshape.type().equals(Reshape.TYPE) && reshape.params.getInt(dim) == 0) {
                return true;
            }
        }
        return false;
    }

    static void renameBlob(NcnnModel model, String from, String to) {
        for (NcnnLayer l : model.layers) {
            l.bottoms.replaceAll(b -> b.equals(from) ? to : b);
            l.tops.replaceAll(t -> t.equals(from) ? to : t);
        }
        LowerToNcnn.renameInMaps(model, from, to);
    }

    /**
     * Inserts a Split after each blob with more than one consumer, a graph output counting as one.
     * For an output the Split's first top keeps the output name, so {@code extract("out0")} works.
     */
    static void insertSplits(NcnnModel model) {
        Map<String, Integer> readers = new HashMap<>();
        for (NcnnLayer l : model.layers) {
            for (String b : l.bottoms) {
                readers.merge(b, 1, Integer::sum);
            }
        }
        List<NcnnLayer> out = new ArrayList<>();
        Map<String, Deque<String>> copies = new HashMap<>();
        int splitIndex = 0;
        for (NcnnLayer l : model.layers) {
            for (int i = 0; i < l.bottoms.size(); i++) {
                Deque<String> c = copies.get(l.bottoms.get(i));
                if (c != null) {
                    l.bottoms.set(i, c.poll());
                }
            }
            out.add(l);
            for (int ti = 0; ti < l.tops.size(); ti++) {
                String t = l.tops.get(ti);
                boolean isOutput = model.outputs.containsKey(t);
                int r = readers.getOrDefault(t, 0);
                if (r + (isOutput ? 1 : 0) < 2) {
                    continue;
                }
                NcnnLayer split = new NcnnLayer(Split.TYPE, "splitncnn_" + splitIndex++, null);
                String src = t;
                if (isOutput) {
                    src = t + "_splitncnn_in";
                    l.tops.set(ti, src);
                    copyBlobInfo(model, t, src);
                    split.tops.add(t);
                }
                split.bottoms.add(src);
                Deque<String> names = new ArrayDeque<>();
                for (int k = 0; k < r; k++) {
                    String name = t + "_splitncnn_" + k;
                    names.add(name);
                    split.tops.add(name);
                    copyBlobInfo(model, t, name);
                }
                copies.put(t, names);
                out.add(split);
            }
        }
        model.layers.clear();
        model.layers.addAll(out);
    }

    private static void copyBlobInfo(NcnnModel model, String from, String to) {
        if (model.blobSources.containsKey(from)) {
            model.blobSources.put(to, model.blobSources.get(from));
        }
        if (model.blobShapes.containsKey(from)) {
            model.blobShapes.put(to, model.blobShapes.get(from));
        }
    }
}

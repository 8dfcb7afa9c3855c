package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes a node the user named in {@code customlayer=} as an ncnn layer of the op's own type, for a
 * custom layer they register in their ncnn build: every input a bottom (a constant one as a
 * MemoryData blob), every output a top, and the attributes as params, numbered 0, 1, .. in the
 * order of their names, so the custom layer's {@code load_param} knows them; the numbering is
 * recorded in {@link dev.pnnxj.ncnn.NcnnModel#customLayers} and printed. Written only on request:
 * a layer ncnn does not have is otherwise an unsupported node.
 */
public final class CustomLayerEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        // the types are the ops the user names; LowerToNcnn admits them from NcnnModel.customLayers
        return Set.of();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        // every attribute is checked before the layer is added, so a refused node leaves no layer
        List<Consumer<ParamDict>> puts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Object> a : new TreeMap<>(node.attrs()).entrySet()) {
            puts.add(param(node, names.size(), a.getKey(), a.getValue()));
            names.add(a.getKey());
        }
        List<String> known = ctx.model().customLayers.putIfAbsent(node.op(), names);
        if (known != null && !known.equals(names)) {
            throw new Unsupported("custom layer " + node.op() + " has attributes " + names + " here but " + known
                    + " at another node: one custom layer type takes one param numbering");
        }
        NcnnLayer l = ctx.add(node.op(), node, node.inputs(), node.outputs());
        puts.forEach(put -> put.accept(l.params));
    }

    private static Consumer<ParamDict> param(Node node, int id, String name, Object v) {
        if (v instanceof Long l) {
            int i = Math.toIntExact(l);
            return d -> d.put(Param.ofInt(id, name, 0), i);
        }
        if (v instanceof Float f) {
            return d -> d.put(Param.ofFloat(id, name, 0f), f);
        }
        if (v instanceof long[] ls) {
            int[] ints = Arrays.stream(ls).mapToInt(Math::toIntExact).toArray();
            return d -> d.put(Param.ofIntArray(id, name), ints);
        }
        if (v instanceof float[] fs) {
            return d -> d.put(Param.ofFloatArray(id, name), fs);
        }
        throw new Unsupported("custom layer " + node.op() + ": attribute '" + name + "' is a "
                + (v instanceof String ? "string" : v == null ? "null" : v.getClass().getSimpleName())
                + ", which an ncnn .param line cannot hold as a number or an array of numbers");
    }
}

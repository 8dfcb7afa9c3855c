package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Rewrites a default-domain node written against an older opset into the latest ONNX signature,
 * which is the only one the IR knows. One table entry per op type: it applies while the model's
 * opset is below the entry's bound, and is one small rewrite:
 *
 * <table>
 * <caption>Upgrades</caption>
 * <tr><th>op</th><th>opset</th><th>rewrite</th></tr>
 * <tr><td>Squeeze, Unsqueeze, ReduceSum</td><td>&lt; 13</td><td>{@code axes} attribute → input 1</td></tr>
 * <tr><td>ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceLogSumExp,
 *     ReduceSumSquare</td><td>&lt; 18</td><td>{@code axes} attribute → input 1</td></tr>
 * <tr><td>Split</td><td>&lt; 13</td><td>{@code split} attribute → input 1</td></tr>
 * <tr><td>Pad</td><td>&lt; 11</td><td>{@code pads} (opset 1: {@code paddings}) → input 1,
 *     {@code value} → input 2 (float32 scalar)</td></tr>
 * <tr><td>Clip</td><td>&lt; 11</td><td>{@code min}, {@code max} → inputs 1, 2 (float32 scalars)</td></tr>
 * <tr><td>Slice</td><td>&lt; 10</td><td>{@code starts}, {@code ends}, {@code axes} → inputs 1, 2, 3</td></tr>
 * <tr><td>Upsample</td><td>any</td><td>becomes Resize(X, roi = none, scales); scales from the
 *     {@code scales} attribute (opset 7), {@code height_scale}/{@code width_scale} (opset 1) or
 *     input 1 (opset 9); mode {@code bilinear} → {@code linear}; then as Resize opset 10</td></tr>
 * <tr><td>Resize</td><td>&lt; 11</td><td>(X, scales) → (X, roi = none, scales) with
 *     {@code coordinate_transformation_mode = asymmetric} and {@code nearest_mode = floor}, which
 *     is what opset 10 computed (and Upsample before it)</td></tr>
 * <tr><td>BatchNormalization</td><td>&lt; 9</td><td>{@code spatial} dropped when 1 (the only
 *     meaning later opsets have); spatial = 0 is kept so lowering reports it</td></tr>
 * <tr><td>Dropout</td><td>&lt; 12</td><td>{@code ratio} attribute dropped (inference ignores it)</td></tr>
 * <tr><td>GridSample</td><td>&lt; 20</td><td>mode {@code bilinear} → {@code linear}, {@code bicubic} →
 *     {@code cubic} (the default, bilinear, is written out)</td></tr>
 * </table>
 *
 * <p>Integer lists become int64 1-D constants; constants are created with {@link Graph#constant}.
 * An absent optional attribute leaves its input empty, which means the same as the default did.
 */
final class OpsetUpgrade {
    /** An upgrade that applies while the default-domain opset is below {@code below}. */
    private record Rule(int below, Consumer<Node> rewrite) {
    }

    private static final Map<String, Rule> RULES = rules();

    private OpsetUpgrade() {
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> r = new HashMap<>();
        for (String op : List.of("Squeeze", "Unsqueeze", "ReduceSum")) {
            r.put(op, new Rule(13, n -> intsToInput(n, "axes", 1)));
        }
        for (String op : List.of("ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                "ReduceLogSumExp", "ReduceSumSquare")) {
            r.put(op, new Rule(18, n -> intsToInput(n, "axes", 1)));
        }
        r.put("Split", new Rule(13, n -> intsToInput(n, "split", 1)));
        r.put("Pad", new Rule(11, n -> {
            intsToInput(n, "paddings", 1);
            intsToInput(n, "pads", 1);
            floatToInput(n, "value", 2);
        }));
        r.put("Clip", new Rule(11, n -> {
            floatToInput(n, "min", 1);
            floatToInput(n, "max", 2);
        }));
        r.put("Slice", new Rule(10, n -> {
            intsToInput(n, "starts", 1);
            intsToInput(n, "ends", 2);
            intsToInput(n, "axes", 3);
        }));
        r.put("Upsample", new Rule(Integer.MAX_VALUE, OpsetUpgrade::upsampleToResize));
        r.put("Resize", new Rule(11, OpsetUpgrade::resize10));
        r.put("GridSample", new Rule(20, n -> n.set("mode", switch (n.getString("mode", "bilinear")) {
            case "bilinear" -> "linear";
            case "bicubic" -> "cubic";
            default -> n.getString("mode", "bilinear");
        })));
        r.put("BatchNormalization", new Rule(9, n -> {
            if (n.getInt("spatial", 1) == 1) {
                n.attrs().remove("spatial");
            }
        }));
        r.put("Dropout", new Rule(12, n -> n.attrs().remove("ratio")));
        return Map.copyOf(r);
    }

    /** Op type → the opset below which its older signature is upgraded. */
    static Map<String, Integer> bounds() {
        Map<String, Integer> b = new TreeMap<>();
        RULES.forEach((op, rule) -> b.put(op, rule.below()));
        return b;
    }

    /** Upgrades {@code n} (possibly replacing it in its graph) when its op has an older form at {@code opset}. */
    static void apply(Node n, int opset) {
        Rule rule = RULES.get(n.op());
        if (rule != null && opset < rule.below()) {
            rule.rewrite().accept(n);
        }
    }

    private static void intsToInput(Node n, String attr, int index) {
        long[] v = (long[]) n.attrs().remove(attr);
        if (v != null) {
            n.setInput(index, constant(n, attr, Tensor.ofLongs(Shape.of(v.length), v)));
        }
    }

    private static void floatToInput(Node n, String attr, int index) {
        Float v = (Float) n.attrs().remove(attr);
        if (v != null) {
            n.setInput(index, constant(n, attr, Tensor.ofFloats(Shape.SCALAR, v)));
        }
    }

    private static Value constant(Node n, String attr, Tensor t) {
        return n.graph().constant(n.name() + "_" + attr, t);
    }

    private static void upsampleToResize(Node upsample) {
        Node n = retype(upsample, "Resize");
        float[] scales = (float[]) n.attrs().remove("scales");
        Float h = (Float) n.attrs().remove("height_scale");
        Float w = (Float) n.attrs().remove("width_scale");
        if (h != null || w != null) {
            // opset 1 scaled only the H and W axes of an NCHW tensor
            scales = new float[] {1, 1, h == null ? 1 : h, w == null ? 1 : w};
        }
        if (scales != null) {
            n.setInput(1, constant(n, "scales", Tensor.ofFloats(Shape.of(scales.length), scales)));
        }
        if (n.getString("mode", "nearest").equals("bilinear")) {
            n.set("mode", "linear");
        }
        resize10(n);
    }

    private static void resize10(Node n) {
        Value scales = n.input(1);
        n.truncateInputs(1);
        n.setInput(2, scales);
        n.set("coordinate_transformation_mode", "asymmetric");
        n.set("nearest_mode", "floor");
    }

    /** Replaces {@code n} by a node of another op type with the same name, inputs, outputs and attributes. */
    private static Node retype(Node n, String op) {
        Graph g = n.graph();
        List<Value> inputs = new ArrayList<>(n.inputs());
        List<Value> outputs = new ArrayList<>(n.outputs());
        Map<String, Object> attrs = new LinkedHashMap<>(n.attrs());
        g.removeNode(n);
        Node r = g.addNodeWithOutputs(op, n.name(), inputs, outputs);
        attrs.forEach(r::set);
        return r;
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;

/** A graph as readable text, one node per line, for golden tests of the reader. */
final class GraphText {
    private GraphText() {
    }

    static String of(Graph g) {
        StringBuilder sb = new StringBuilder();
        StringJoiner in = new StringJoiner(", ");
        g.inputs().forEach(v -> in.add(value(v)));
        sb.append("inputs: ").append(in).append('\n');
        for (Node n : g.nodes()) {
            StringJoiner ins = new StringJoiner(", ");
            for (Value v : n.inputs()) {
                ins.add(v == null ? "-" : value(v));
            }
            StringJoiner outs = new StringJoiner(", ");
            n.outputs().forEach(v -> outs.add(value(v)));
            sb.append(n.op()).append(" '").append(n.name()).append("' (").append(ins).append(") -> ").append(outs);
            for (Map.Entry<String, Object> a : n.attrs().entrySet()) {
                sb.append(' ').append(a.getKey()).append('=').append(attr(a.getValue()));
            }
            sb.append('\n');
        }
        StringJoiner out = new StringJoiner(", ");
        g.outputs().forEach(v -> out.add(value(v)));
        return sb.append("outputs: ").append(out).append('\n').toString();
    }

    private static String value(Value v) {
        return v.name() + ":" + (v.dtype() == null ? "?" : v.dtype().name().toLowerCase())
                + (v.shape() == null ? "[?]" : v.shape()) + (v.isConstant() ? " const" + constant(v.constant()) : "");
    }

    /** Small integer constants (axes, shapes, pads) are shown; weights only by shape. */
    private static String constant(Tensor t) {
        if (t.numel() <= 8 && !t.dtype().isFloating()) {
            return Arrays.toString(t.toLongs());
        }
        if (t.numel() <= 4) {
            return Arrays.toString(t.toFloats());
        }
        return "";
    }

    private static String attr(Object v) {
        if (v instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (v instanceof float[] f) {
            return Arrays.toString(f);
        }
        if (v instanceof String[] s) {
            return Arrays.toString(s);
        }
        if (v instanceof Tensor t) {
            return "tensor(" + t.dtype().name().toLowerCase() + t.shape() + constant(t) + ")";
        }
        return String.valueOf(v);
    }
}

package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a value's missing static shape comes from. A shape is unresolved when it is unknown or
 * has an unknown dim; the origin is the first node on the way up whose inputs are all resolved
 * but whose outputs are not. Reports name that node instead of every consumer downstream.
 */
final class ShapeOrigins {
    private ShapeOrigins() {
    }

    static boolean resolved(Value v) {
        return v == null || v.isConstant() || v.shape() != null && v.shape().isKnown();
    }

    /** The origin nodes of an unresolved value (none for graph inputs, which inputshape= fixes). */
    static List<Node> of(Value v) {
        Set<Node> origins = new LinkedHashSet<>();
        Set<Value> seen = new LinkedHashSet<>();
        collect(v, origins, seen);
        return new ArrayList<>(origins);
    }

    private static void collect(Value v, Set<Node> origins, Set<Value> seen) {
        if (resolved(v) || !seen.add(v) || v.producer() == null) {
            return;
        }
        Node p = v.producer();
        boolean upstream = false;
        for (Value in : p.inputs()) {
            if (!resolved(in)) {
                upstream = true;
                collect(in, origins, seen);
            }
        }
        if (!upstream) {
            origins.add(p);
        }
    }

    /** Whether the node itself turns resolved inputs into an unresolved output. */
    static boolean isOrigin(Node n) {
        return n.inputs().stream().allMatch(ShapeOrigins::resolved)
                && !n.outputs().stream().allMatch(ShapeOrigins::resolved);
    }

    /** Why an origin node's output shape is not static. */
    static String why(Node n) {
        if (ShapeRules.get(n.op()) == null) {
            return "pnnx-j cannot infer the output shape of " + n.op();
        }
        // operands after the first (shape, sizes, repeats, ...) decide shapes when they are not
        // constant; with none of those the op's own data does (NonZero)
        List<String> deciding = new ArrayList<>();
        for (int i = 1; i < n.inputs().size(); i++) {
            Value in = n.input(i);
            if (in != null && !in.isConstant()) {
                deciding.add("'" + in.name() + "'");
            }
        }
        if (deciding.isEmpty()) {
            deciding.add("'" + n.input(0).name() + "'");
        }
        return "its output shape " + n.output(0).shape() + " depends on the values of "
                + String.join(", ", deciding) + ", not only on input shapes";
    }
}

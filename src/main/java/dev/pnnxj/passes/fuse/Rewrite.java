package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Matching and replacement steps the fusion passes share. */
final class Rewrite {
    private Rewrite() {
    }

    /** Whether {@code reader} is the only consumer of v and v is no graph output, so v may vanish. */
    static boolean soleReader(Graph g, Value v, Node reader) {
        return v.users().size() == 1 && v.users().get(0) == reader && !g.isOutput(v);
    }

    /** The producer of v when it has the given op type, else null. */
    static Node producer(Value v, String op) {
        Node p = v == null ? null : v.producer();
        return p != null && p.op().equals(op) ? p : null;
    }

    /** The value of a one-element constant, or null. */
    static Double scalar(Value v) {
        return v != null && v.isConstant() && v.constant().numel() == 1 ? v.constant().scalar() : null;
    }

    /** Whether v is a one-element constant within 1e-6 of {@code expected}. */
    static boolean isScalar(Value v, double expected) {
        Double s = scalar(v);
        return s != null && Math.abs(s - expected) <= 1e-6;
    }

    /**
     * Removes {@code root} and the nodes it absorbs and adds one node named {@code name} that
     * computes root's outputs (same values, so names, shapes and readers carry over). The new
     * node is appended: callers sort the graph once they are done.
     */
    static Node replace(Graph g, Node root, List<Node> absorbed, String op, String name, List<Value> inputs) {
        List<Value> outputs = new ArrayList<>(root.outputs());
        g.removeNode(root);
        for (Node n : absorbed) {
            g.removeNode(n);
        }
        return g.addNodeWithOutputs(op, name, inputs, outputs);
    }

    /**
     * A matched one-input pattern: its root (whose outputs the fused op takes over), the input x,
     * every node of the pattern (the root among them) and the fused op's attributes.
     */
    record Match(Node root, Value x, List<Node> nodes, Map<String, Object> attrs) {
    }

    /** Replaces a matched pattern by one {@code op} node reading its x, named after its root. */
    static void fuse(Graph g, String op, Match m) {
        List<Node> absorbed = new ArrayList<>(m.nodes());
        absorbed.remove(m.root());
        Node fused = replace(g, m.root(), absorbed, op, m.root().name(), List.of(m.x()));
        m.attrs().forEach(fused::set);
    }

    /** The operand of a two-input {@code op} node that is not the scalar {@code c}, or null. */
    static Value otherThanScalar(Node n, String op, double c) {
        if (n == null || !n.op().equals(op)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            if (isScalar(n.input(side), c) && !n.input(1 - side).isConstant()) {
                return n.input(1 - side);
            }
        }
        return null;
    }

    /** Whether v feeds only its one reader inside a pattern and is no graph output. */
    static boolean internal(Graph g, Value v) {
        return v.users().size() == 1 && !g.isOutput(v);
    }

    /** The sole reader of root's output when it is an {@code op} node with one constant operand. */
    static Node soleReaderWithConstant(Graph g, Node root, String op) {
        Value y = root.output(0);
        if (y.users().size() != 1 || g.isOutput(y)) {
            return null;
        }
        Node r = y.users().get(0);
        return r.op().equals(op) && constantOperand(r) != null ? r : null;
    }

    /** The constant operand of a two-input node whose other operand is not constant, or null. */
    static Tensor constantOperand(Node n) {
        for (int side = 0; side < 2; side++) {
            if (n.input(side).isConstant() && !n.input(1 - side).isConstant()) {
                return n.input(side).constant();
            }
        }
        return null;
    }
}

package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

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
}

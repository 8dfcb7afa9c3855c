package dev.pnnxj.passes;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.Optional;

/**
 * Removes nodes that pass their first input through unchanged: Identity, Dropout (inference),
 * Cast to the input's own type, Expand and Reshape whose known shape does not change, and
 * Transpose by the identity permutation. A node is kept when removing it would make a graph
 * output the same value as a graph input or as another graph output.
 */
public final class RemoveIdentity extends RewritePass<Node> {

    @Override
    public Optional<Node> match(Graph g, Node n) {
        Value in = n.input(0);
        Value out = n.outputs().isEmpty() ? null : n.output(0);
        boolean fits = in != null && out != null && isNoOp(g, n) && !wouldAlias(g, in, out);
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        Value in = n.input(0);
        Value out = n.output(0);
        Node producer = in.producer();
        g.removeNode(n);
        if (g.isOutput(out) && producer != null && in.users().isEmpty() && !g.isOutput(in)) {
            // the producer writes the graph output itself, so the output keeps its model name
            producer.setOutput(producer.outputs().indexOf(in), out);
        } else {
            g.replaceAllUses(out, in);
        }
    }

    @Override
    public boolean keepsOrder() {
        return true;
    }

    private static boolean isNoOp(Graph g, Node n) {
        Value in = n.input(0);
        Value out = n.output(0);
        return switch (n.op()) {
            case "Identity" -> true;
            case "Dropout" -> n.outputs().size() == 1 || unused(g, n.output(1));
            case "Cast" -> in.dtype() != null && in.dtype() == DType.fromOnnx(n.getInt("to", 0));
            case "Expand", "Reshape" -> in.shape() != null && in.shape().isKnown() && in.shape().equals(out.shape());
            case "Transpose" -> isIdentityPerm(n.getInts("perm"), in.shape());
            default -> false;
        };
    }

    private static boolean isIdentityPerm(long[] perm, Shape in) {
        if (perm == null) {
            // the default reverses the axes, which only leaves rank 0 and 1 alone
            return in != null && in.rank() <= 1;
        }
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static boolean unused(Graph g, Value v) {
        return v.users().isEmpty() && !g.isOutput(v);
    }

    private static boolean wouldAlias(Graph g, Value in, Value out) {
        return g.isOutput(out) && (g.inputs().contains(in) || g.isOutput(in));
    }
}

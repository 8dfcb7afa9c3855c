package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An arithmetic op with a one-element constant, applied to a view with more dims than ncnn can
 * hold, is applied before the view instead, so the too-wide view is only a Reshape feeding a
 * Reshape, which MergeConsecutive collapses. RAFT scales its correlation volume in a 6-D view:
 * {@code corr.view(b, h, w, 1, h, w) / sqrt(c)}, then reshapes it to 4-D.
 *
 * <pre>
 *   y = Op(Reshape(x, s), c), Op one of Add Sub Mul Div (c on either side), c a constant of one
 *       element and rank at most x's, the Reshape's result of rank above 5 and read only here
 *     ⇒  y = Reshape(Op(x, c), s)
 * </pre>
 */
public final class ScalarOpsBeforeWideReshape extends RewritePass<ScalarOpsBeforeWideReshape.Match> {
    private static final Set<String> OPS = Set.of("Add", "Sub", "Mul", "Div");
    /** ncnn's four dims plus the batch axis it drops. */
    private static final int WIDEST = 5;

    /** The op, the Reshape making its wide operand, and which input (0 or 1) that operand is. */
    record Match(Node op, Node reshape, int view) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!OPS.contains(n.op()) || n.inputs().size() != 2) {
            return Optional.empty();
        }
        int view = n.input(0).isConstant() ? 1 : 0;
        Value v = n.input(view);
        Value c = n.input(1 - view);
        Node reshape = v.producer();
        if (reshape == null || !reshape.op().equals("Reshape") || !c.isConstant() || c.constant().shape().numel() != 1
                || v.shape() == null || v.shape().rank() <= WIDEST || v.users().size() != 1 || g.isOutput(v)) {
            return Optional.empty();
        }
        Value x = reshape.input(0);
        if (x.shape() == null || c.constant().shape().rank() > x.shape().rank()) {
            return Optional.empty();
        }
        return Optional.of(new Match(n, reshape, view));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.op();
        Value x = m.reshape().input(0);
        Value c = n.input(1 - m.view());
        List<Value> in = m.view() == 0 ? List.of(x, c) : List.of(c, x);
        Node early = g.addNode(n.op(), n.name() + "_early", in, List.of(n.name() + "_early"));
        early.output(0).setShape(x.shape());
        early.output(0).setDtype(n.output(0).dtype());
        List<Value> outputs = new ArrayList<>(n.outputs());
        Value shape = m.reshape().input(1);
        g.removeNode(n);
        g.removeNode(m.reshape());
        g.addNodeWithOutputs("Reshape", n.name(), List.of(early.output(0), shape), outputs);
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Subgraph;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An If whose condition folding made constant (the exporter's guard around squeeze(dim), asking
 * whether that axis is 1) is replaced by the branch it picks; the other branch is never read.
 *
 * <pre>
 *   y = If(c, captured...){then_branch, else_branch}, c a one-element constant
 *     ⇒  y = Identity(branch(c ? then : else)(captured...))   (RemoveIdentity then drops it)
 * </pre>
 */
public final class InlineConstantIf extends RewritePass<InlineConstantIf.Match> {

    /** The If and the branch its condition picks. */
    record Match(Node node, Subgraph taken) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        Value c = n.input(0);
        if (!n.op().equals("If") || c == null || !c.isConstant() || c.constant().numel() != 1
                || !(n.attrs().get("then_branch") instanceof Subgraph then)
                || !(n.attrs().get("else_branch") instanceof Subgraph otherwise)) {
            return Optional.empty();
        }
        return Optional.of(new Match(n, c.constant().toDoubles()[0] != 0 ? then : otherwise));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.node();
        List<Value> captured = new ArrayList<>(n.inputs().subList(1, n.inputs().size()));
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        List<Value> results = m.taken().inline(g, captured);
        for (int i = 0; i < outputs.size(); i++) {
            g.addNodeWithOutputs("Identity", n.name() + "_" + i, List.of(results.get(i)), List.of(outputs.get(i)));
        }
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Subgraph;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An If whose condition folding made constant (the exporter's guard around squeeze(dim), asking
 * whether that axis is 1) is replaced by the branch it picks; the other branch is never read.
 *
 * <pre>
 *   y = If(c, captured...){then_branch, else_branch}, c a one-element constant
 *     ⇒  y = Identity(branch(c ? then : else)(captured...))   (RemoveIdentity then drops it)
 * </pre>
 */
public final class InlineConstantIf implements Pass {

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            Value c = n.input(0);
            if (!n.op().equals("If") || c == null || !c.isConstant() || c.constant().numel() != 1
                    || !(n.attrs().get("then_branch") instanceof Subgraph then)
                    || !(n.attrs().get("else_branch") instanceof Subgraph otherwise)) {
                continue;
            }
            Subgraph taken = c.constant().toDoubles()[0] != 0 ? then : otherwise;
            List<Value> captured = new ArrayList<>(n.inputs().subList(1, n.inputs().size()));
            List<Value> outputs = new ArrayList<>(n.outputs());
            g.removeNode(n);
            List<Value> results = taken.inline(g, captured);
            for (int i = 0; i < outputs.size(); i++) {
                g.addNodeWithOutputs("Identity", n.name() + "_" + i, List.of(results.get(i)), List.of(outputs.get(i)));
            }
            changed = true;
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
    }
}

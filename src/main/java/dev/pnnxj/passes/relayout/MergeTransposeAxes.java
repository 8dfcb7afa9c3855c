package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Optional;

/**
 * Holds a transpose of more dims than ncnn has in at most four, by merging the input axes that
 * move together ({@link AxisRuns}): Swin's window partition [1,8,7,8,7,96] perm (0,1,3,2,4,5) is
 * [8,7,8,672] perm (0,2,1,3).
 *
 * <pre>
 *   y = Transpose(x){perm}, x or y above 4 ncnn dims, its axis runs at most 4
 *     ⇒  y = Reshape(Transpose(Reshape(x, [1, runs..]){perm over runs, 1 first}), shape of y)
 * </pre>
 *
 * MergeConsecutive then folds the new Reshapes into the window partition's own, so the high-rank
 * views disappear and ncnn sees one Reshape, one Permute, one Reshape.
 */
public final class MergeTransposeAxes extends RewritePass<MergeTransposeAxes.Match> {

    /** The Transpose and its axis runs. */
    record Match(Node transpose, AxisRuns runs) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("Transpose") || !AxisRuns.shapesKnown(n) || n.input(0).isConstant()
                || !AxisRuns.aboveMax(n.input(0)) && !AxisRuns.aboveMax(n.output(0))) {
            return Optional.empty();
        }
        Value x = n.input(0);
        AxisRuns runs = AxisRuns.of(x.shape(), AxisRuns.perm(n, x.shape().rank()));
        boolean fits = runs.count() <= AxisRuns.MAX_DIMS && !runs.isIdentity();
        return fits ? Optional.of(new Match(n, runs)) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.transpose();
        AxisRuns runs = m.runs();
        Value x = n.input(0);
        Value merged = AxisRuns.view(g, n.name() + "_merged", x, runs.inputView());
        Node t = g.addNode("Transpose", n.name() + "_runs", List.of(merged), List.of(n.name() + "_runs"));
        t.set("perm", runs.viewPerm());
        t.output(0).setShape(runs.outputView());
        t.output(0).setDtype(x.dtype());
        Value y = n.output(0);
        g.removeNode(n);
        AxisRuns.viewInto(g, n.name(), t.output(0), y);
    }
}

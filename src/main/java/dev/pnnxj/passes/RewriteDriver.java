package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Runs a {@link NodeRewrite} over a graph: tries the nodes in their order at the start of the
 * round (nodes it adds are not visited), skips nodes an earlier replacement removed, applies each
 * match at once (so later matches see the rewritten graph), and sorts the graph once at the end
 * if anything changed (unless the rewrite {@linkplain NodeRewrite#keepsOrder keeps the order}).
 */
public final class RewriteDriver {
    private RewriteDriver() {
    }

    /** One round of {@code rewrite} over g; returns whether anything was replaced. */
    public static <M> boolean run(Graph g, NodeRewrite<M> rewrite) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!g.contains(n)) {
                continue;
            }
            Optional<M> m = rewrite.match(g, n);
            if (m.isPresent()) {
                rewrite.apply(g, m.get());
                changed = true;
            }
        }
        if (changed && !rewrite.keepsOrder()) {
            g.sortTopologically();
        }
        return changed;
    }
}

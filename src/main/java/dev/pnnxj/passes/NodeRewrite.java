package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import java.util.Optional;

/**
 * A local rewrite: a pattern recognised at one node (its root) and the graph that replaces it.
 * {@link RewriteDriver} owns the walk over the graph, so a rewrite states only the pattern and its
 * replacement.
 *
 * @param <M> what a match found: the nodes and values the replacement needs
 */
public interface NodeRewrite<M> {
    /** The pattern rooted at n, or empty. Only reads the graph: every condition is checked here. */
    Optional<M> match(Graph g, Node n);

    /** Replaces a match just found; always succeeds. New nodes may be appended out of order. */
    void apply(Graph g, M match);

    /**
     * True when apply adds no nodes and only points readers at values computed earlier (removing
     * no-ops, merging a node into its producer's input): the graph stays sorted, and the driver
     * leaves its order as it is rather than sorting it again.
     */
    default boolean keepsOrder() {
        return false;
    }
}

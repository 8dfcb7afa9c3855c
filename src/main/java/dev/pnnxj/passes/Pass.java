package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;

/** One rewrite of the IR graph. */
public interface Pass {
    /** The name listed under "passes applied": the class name, e.g. {@code FuseConvBatchNorm}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Rewrites {@code g} in place; returns whether anything changed. */
    boolean run(Graph g);
}

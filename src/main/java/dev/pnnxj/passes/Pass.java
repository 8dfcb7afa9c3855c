package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;

/** One rewrite of the IR graph. */
public interface Pass {
    /** Short kebab-case name, as listed under "passes applied". */
    String name();

    /** Rewrites {@code g} in place; returns whether anything changed. */
    boolean run(Graph g);
}

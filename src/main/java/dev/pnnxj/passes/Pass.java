package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;

/** One IR rewrite. Passes run in a fixed order; each reports whether it changed the graph. */
public interface Pass {
    String name();

    boolean run(Graph g);
}

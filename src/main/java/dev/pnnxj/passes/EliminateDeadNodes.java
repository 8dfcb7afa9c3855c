package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;

/** Removes nodes that no graph output depends on, and values nothing refers to any more. */
public final class EliminateDeadNodes implements Pass {

    @Override
    public boolean run(Graph g) {
        return g.removeDeadNodes();
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;

/** A pass that is one {@link NodeRewrite}, run by {@link RewriteDriver}. */
public abstract class RewritePass<M> implements Pass, NodeRewrite<M> {

    @Override
    public final boolean run(Graph g) {
        return RewriteDriver.run(g, this);
    }
}

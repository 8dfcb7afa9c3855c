package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;

/**
 * The graph rewrites ncnn's batch handling needs, run once before lowering starts: the batch
 * analysis, {@link OneSample}'s rewrite of a batched part to batch 1, and
 * {@link ReconcileBatchLayouts}' one layout per node. What they decide is returned as the
 * lowering's side table; {@link LowerToNcnn} then reads the graph frozen.
 */
public final class PreLowering {
    private PreLowering() {
    }

    /** Rewrites the graph for lowering and returns which activations keep their batch axis. */
    public static BatchLayouts run(Graph g) {
        BatchAxis batch = BatchAxis.of(g);
        OneSample.rewrite(g, batch);
        BatchLayouts layouts = BatchLayouts.of(g, batch);
        ReconcileBatchLayouts.run(g, layouts);
        return layouts;
    }
}

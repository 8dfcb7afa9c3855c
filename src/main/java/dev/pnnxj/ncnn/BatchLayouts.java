package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lowering's side table of the batch decision: which activations keep their IR axis 0 as
 * ncnn's outermost axis, and the {@code Mat::n} of each graph input and output. Made by
 * {@link PreLowering} from the {@link BatchAxis} analysis (plus the twins {@link ReconcileBatchLayouts}
 * adds) and read through {@link NcnnAxes}; the IR itself carries no layout.
 */
public final class BatchLayouts {
    private final BatchAxis batch;
    private final Set<Value> kept = new HashSet<>();

    private BatchLayouts(BatchAxis batch) {
        this.batch = batch;
    }

    /** The layouts of the graph as it stands: every activation kept as the analysis says. */
    static BatchLayouts of(Graph g, BatchAxis batch) {
        BatchLayouts l = new BatchLayouts(batch);
        List<Value> activations = new ArrayList<>(g.inputs());
        for (Node n : g.nodes()) {
            activations.addAll(n.outputs());
        }
        for (Value v : activations) {
            if (batch.keepsAxis0(v)) {
                l.keep(v);
            }
        }
        return l;
    }

    /** Records that the activation keeps its axis 0 (as a twin made to give a node one layout does). */
    void keep(Value v) {
        kept.add(v);
    }

    /** Whether ncnn keeps this activation's axis 0 as its outermost axis rather than dropping it. */
    public boolean keepsAxis0(Value v) {
        return kept.contains(v);
    }

    /** The {@code Mat::n} a graph input or output is fed or read with, 0 for one without a batch axis. */
    public int batch(Value v) {
        return batch.batch(v);
    }
}

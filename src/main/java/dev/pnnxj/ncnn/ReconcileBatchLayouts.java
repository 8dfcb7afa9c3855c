package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * In a graph where {@link BatchAxis} keeps some activations' axis 0, gives every computing node one
 * layout: a node reading or writing a batch-kept activation sees its batch-of-1 activations kept too,
 * through a Reshape to the same IR shape that only adds ncnn's leading 1.
 *
 * <pre>
 *   y = Op(a[N,..] kept, x[1,..] dropped)   ⇒  y = Op(a, Reshape(x, [1,..]) kept)
 *   y[1,..] dropped = Op(a[N,..] kept)       ⇒  y' kept = Op(a);  y = Reshape(y', [1,..])
 * </pre>
 *
 * The ncnn axes of every operand then line up (IR axis k is ncnn axis k), so an emitter never sees
 * the two layouts at once. Nodes that only re-view data (see {@link NcnnAxes#reviews}) move between
 * the layouts themselves and are left alone.
 */
final class ReconcileBatchLayouts {
    private ReconcileBatchLayouts() {
    }

    static void run(Graph g, BatchLayouts layouts) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            List<Value> activations = activations(n);
            if (NcnnAxes.reviews(n) || activations.stream().noneMatch(layouts::keepsAxis0)
                    || activations.stream().anyMatch(v -> v.shape() == null || !v.shape().isKnown()
                            || v.shape().rank() > NcnnAxes.MAX_DIMS)) {
                // a node with an unknown shape, or a value no ncnn blob can hold kept, is refused
                // anyway: under its own values' names, not those of re-viewed twins
                continue;
            }
            for (int i = 0; i < n.inputs().size(); i++) {
                Value x = n.input(i);
                if (droppedActivation(layouts, x)) {
                    Value kept = g.addReshape(x.name() + "_kept", x, x.shape());
                    layouts.keep(kept);
                    n.setInput(i, kept);
                    changed = true;
                }
            }
            for (int i = 0; i < n.outputs().size(); i++) {
                Value y = n.output(i);
                if (droppedActivation(layouts, y)) {
                    // y keeps its name and its readers; the node writes a kept twin re-viewed into y
                    Value kept = g.newValue(y.name() + "_kept", y.dtype(), y.shape());
                    layouts.keep(kept);
                    n.setOutput(i, kept);
                    g.addNodeWithOutputs("Reshape", y.name() + "_unkeep",
                            List.of(kept, g.shapeConstant(y.name() + "_unkeep_shape", y.shape())), List.of(y));
                    changed = true;
                }
            }
        }
        if (changed) {
            g.sortTopologically();
        }
    }

    private static boolean droppedActivation(BatchLayouts layouts, Value v) {
        return v != null && NcnnAxes.hasBatch(layouts, v) && v.shape().dim(0) == 1;
    }

    private static List<Value> activations(Node n) {
        List<Value> out = new ArrayList<>();
        // a convolution's data weight and bias are read whole (ncnn's dynamic_weight), in no layout
        boolean convolution = n.op().equals("Conv") || n.op().equals("ConvTranspose");
        List<Value> inputs = convolution ? n.inputs().subList(0, 1) : n.inputs();
        for (List<Value> side : List.of(inputs, n.outputs())) {
            for (Value v : side) {
                if (v != null && !v.isConstant() && (v.shape() == null || v.shape().rank() > 0)) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}

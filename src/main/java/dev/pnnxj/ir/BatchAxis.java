package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what the batch axis (IR axis 0) of each activation is for ncnn, which has no batch.
 * Normally every sample runs alone, so ncnn drops axis 0 and a batch above 1 cannot be converted.
 * A graph given several samples that moves data across axis 0 (a video model reading T frames as
 * its batch and mixing them) <em>mixes</em> the batch: then every
 * activation whose axis 0 is not 1 keeps it as ncnn's outermost axis, and those whose axis 0 is 1
 * (such as the [1,T,C,H,W] view of a temporal shift) drop it, so the view is the same ncnn blob.
 */
public final class BatchAxis {
    private BatchAxis() {
    }

    /**
     * Whether the graph takes several samples (a graph input with axis 0 above 1) and some node
     * moves data across axis 0 of an activation. A batch-1 graph that moves data into axis 0
     * (attention left unfused) is not treated as mixing: its ops are refused one by one instead.
     */
    public static boolean mixed(Graph g) {
        boolean batched = false;
        for (Value v : g.inputs()) {
            batched |= v.shape() != null && v.shape().rank() > 0 && v.shape().dim(0) > 1;
        }
        if (!batched) {
            return false;
        }
        for (Node n : g.nodes()) {
            if (mixes(n)) {
                return true;
            }
        }
        return false;
    }

    /** Sets {@link Value#batchKept()} on every activation of the graph. */
    public static void mark(Graph g) {
        boolean mixed = mixed(g);
        List<Value> values = new ArrayList<>(g.inputs());
        for (Node n : g.nodes()) {
            values.addAll(n.outputs());
        }
        for (Value v : values) {
            Shape s = v.shape();
            v.setBatchKept(mixed && !v.isConstant() && s != null && s.rank() > 0 && s.dim(0) != 1);
        }
    }

    /**
     * A node mixes samples when its result's axis 0 differs from the largest axis 0 among its
     * activation inputs (reshapes, slices, concatenations and reductions over axis 0), when it
     * moves axis 0 elsewhere, or when it normalises along axis 0.
     */
    static boolean mixes(Node n) {
        int batch = -1;
        for (Value v : n.inputs()) {
            if (v != null && !v.isConstant() && v.shape() != null && v.shape().rank() > 0) {
                batch = Math.max(batch, v.shape().dim(0));
            }
        }
        if (batch < 0) {
            return false;
        }
        for (Value o : n.outputs()) {
            if (o.shape() != null && (o.shape().rank() == 0 || o.shape().dim(0) != batch)) {
                return true;
            }
        }
        return switch (n.op()) {
            case "Transpose" -> n.has("perm") && n.getInts("perm")[0] != 0;
            case "Softmax", "LogSoftmax", "Hardmax", "CumSum" -> n.getInt("axis", -1) == 0
                    || n.input(0).shape() != null && n.input(0).shape().rank() == 1;
            default -> false;
        };
    }
}

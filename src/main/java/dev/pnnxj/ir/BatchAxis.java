package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what the batch axis (IR axis 0) of each activation is for ncnn, which has no batch.
 * Normally every sample runs alone, so ncnn drops axis 0 and a batch above 1 cannot be converted.
 * A graph that moves data across axis 0 <em>mixes</em> the batch: a video model reading T frames as
 * its batch and mixing them, or a batch-1 attention that puts its sequence or heads on axis 0. Then
 * every activation whose axis 0 is not 1 keeps it as ncnn's outermost axis, and those whose axis 0
 * is 1 (such as the [1,T,C,H,W] view of a temporal shift, or the [1,L,E] tokens around a
 * sequence-first attention) drop it, so a view that only adds or removes that 1 is the same data.
 */
public final class BatchAxis {
    private BatchAxis() {
    }

    /** Whether some node moves data across axis 0 of an activation. */
    public static boolean mixed(Graph g) {
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
            v.setBatchKept(mixed && !v.isConstant() && s != null && s.isKnown() && s.rank() > 0 && s.dim(0) != 1);
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
            if (o.shape() == null || !o.shape().isKnown() || o.dtype() != null && !o.dtype().isFloating()) {
                // a data-dependent result is refused anyway, and integer shape glue is folded away:
                // neither says anything about the layout of data
                return false;
            }
        }
        for (Value o : n.outputs()) {
            if (o.shape().rank() == 0 || o.shape().dim(0) != batch) {
                return true;
            }
        }
        return switch (n.op()) {
            case "Transpose" -> n.has("perm") && n.getInts("perm")[0] != 0;
            case "Softmax", "LogSoftmax", "Hardmax" -> n.getInt("axis", -1) == 0 || rank1(n.input(0));
            case "CumSum" -> cumSumAlongAxis0(n) || rank1(n.input(0));
            default -> false;
        };
    }

    /** CumSum's axis is an input; a data-dependent one is refused when lowering. */
    private static boolean cumSumAlongAxis0(Node n) {
        Value axis = n.input(1);
        if (axis == null || !axis.isConstant() || axis.constant().numel() != 1 || n.input(0).shape() == null) {
            return false;
        }
        long a = axis.constant().toLongs()[0];
        return a == 0 || a == -n.input(0).shape().rank();
    }

    private static boolean rank1(Value v) {
        return v.shape() != null && v.shape().rank() == 1;
    }
}

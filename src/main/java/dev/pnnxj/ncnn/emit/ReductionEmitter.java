package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.Reduction;
import java.util.Set;
import java.util.TreeSet;

/**
 * ONNX Reduce* → ncnn Reduction with explicit axes: 0=operation 1=reduce_all(0) 3=axes
 * 4=keepdims 5=fixbug0(1, ncnn's marker that axes exclude the batch axis).
 *
 * <p>The batch axis has size 1, so reducing over it changes nothing but the rank: with keepdims it
 * is simply left out, without keepdims the result would lose its batch axis and is refused.
 */
public final class ReductionEmitter implements Emitter {
    public static final int SUM = 0;
    public static final int SUMSQ = 2;
    public static final int MEAN = 3;
    public static final int MAX = 4;
    public static final int MIN = 5;
    public static final int PROD = 6;
    public static final int L1 = 7;
    public static final int L2 = 8;
    public static final int LOG_SUM = 9;
    public static final int LOG_SUM_EXP = 10;

    private final int operation;

    public ReductionEmitter(int operation) {
        this.operation = operation;
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(Reduction.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        ctx.dims(in); // refuses unknown shapes and ranks ncnn cannot hold
        Shape shape = in.shape();
        boolean keepdims = node.getInt("keepdims", 1) != 0;
        long[] axes = node.input(1) == null ? new long[0] : ctx.requireConstant(node, 1, "axes").toLongs();
        if (axes.length == 0) {
            if (node.getInt("noop_with_empty_axes", 0) != 0) {
                ctx.alias(node.output(0), in);
                return;
            }
            axes = new long[shape.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        TreeSet<Integer> ncnnAxes = new TreeSet<>();
        for (long axis : axes) {
            if (shape.axis(axis) == 0 && ctx.hasBatch(in)) {
                if (!keepdims) {
                    throw new Unsupported("reduces the batch axis without keepdims; the result would lose it");
                }
                continue;
            }
            ncnnAxes.add(ctx.axis(in, axis));
        }
        if (ncnnAxes.isEmpty()) {
            ctx.alias(node.output(0), in);
            return;
        }
        ctx.unary(Reduction.TYPE, node).params
                .put(Reduction.OPERATION, operation)
                .put(Reduction.REDUCE_ALL, 0)
                .put(Reduction.AXES, ncnnAxes.stream().mapToInt(Integer::intValue).toArray())
                .put(Reduction.KEEPDIMS, keepdims ? 1 : 0)
                .put(Reduction.FIXBUG0, 1);
    }
}

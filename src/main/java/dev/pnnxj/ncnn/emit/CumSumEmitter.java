package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.CumulativeSum;
import java.util.Set;

/**
 * ONNX CumSum (constant axis) → ncnn CumulativeSum (0=axis in ncnn's batch-free numbering). ncnn
 * sums inclusively from the front only, so {@code exclusive} and {@code reverse} are refused.
 */
public final class CumSumEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(CumulativeSum.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (node.getInt("exclusive", 0) != 0 || node.getInt("reverse", 0) != 0) {
            throw new Emitter.Unsupported("ncnn CumulativeSum has no exclusive or reverse form");
        }
        Tensor axis = ctx.requireConstant(node, 1, "CumSum axis");
        if (axis.numel() != 1) {
            throw new Emitter.Unsupported("CumSum axis " + axis.shape() + " is not a single value");
        }
        Value x = node.input(0);
        ctx.dims(x); // an unknown shape is reported here rather than failing in axis()
        ctx.unary(CumulativeSum.TYPE, node).params.put(CumulativeSum.AXIS, ctx.axis(x, axis.toLongs()[0]));
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.PReLU;
import java.util.List;
import java.util.Set;

/**
 * ONNX PRelu → ncnn PReLU (0=num_slope, raw fp32 slope weight). ncnn takes one slope for all
 * elements, or one per outermost axis of the batch-free blob (the IR's channel axis 1), so the
 * constant slope must be a scalar or vary along the channel axis only once broadcast against x.
 */
public final class PReluEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(PReLU.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        Tensor slope = ctx.requireConstant(node, 1, "the PRelu slope");
        if (slope.numel() != 1) {
            requirePerChannel(x, slope.shape());
        }
        NcnnLayer l = ctx.add(PReLU.TYPE, node, List.of(x), List.of(node.output(0)));
        l.params.put(PReLU.NUM_SLOPE, Math.toIntExact(slope.numel()));
        l.weights.add(new Weight(node.input(1).name(), slope, false));
    }

    /** Right-aligned against x, the slope must be 1 everywhere but on axis 1, where it is C. */
    private static void requirePerChannel(Value x, Shape slope) {
        Shape xs = x.shape();
        if (xs == null || xs.rank() < 2 || slope.rank() > xs.rank()) {
            throw new Emitter.Unsupported("slope " + slope + " cannot be matched with input " + xs);
        }
        int offset = xs.rank() - slope.rank();
        for (int i = 0; i < slope.rank(); i++) {
            int axis = i + offset;
            int want = axis == 1 ? xs.dim(1) : 1;
            if (slope.dim(i) != want) {
                throw new Emitter.Unsupported("slope " + slope + " varies along an axis other than the channel axis of "
                        + xs + "; ncnn PReLU has one slope per channel");
            }
        }
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Clip;
import java.util.Set;

/**
 * ONNX Clip → ncnn Clip (0=min 1=max). The bounds are constant inputs; a missing one is left to
 * ncnn's default of -FLT_MAX / FLT_MAX. Clip(0, 6) stays a Clip, which ncnn fuses into a
 * preceding convolution as activation type 3.
 */
public final class ClipEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Clip.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Float min = bound(node, 1, ctx, "Clip min");
        Float max = bound(node, 2, ctx, "Clip max");
        NcnnLayer l = ctx.unary(Clip.TYPE, node);
        if (min != null) {
            l.params.put(Clip.MIN, min);
        }
        if (max != null) {
            l.params.put(Clip.MAX, max);
        }
    }

    private static Float bound(Node node, int input, Lowering ctx, String what) {
        if (node.input(input) == null) {
            return null;
        }
        Tensor t = ctx.requireConstant(node, input, what);
        if (t.numel() != 1) {
            throw new Emitter.Unsupported(what + " must be a scalar, got " + t.shape());
        }
        return (float) t.scalar();
    }
}

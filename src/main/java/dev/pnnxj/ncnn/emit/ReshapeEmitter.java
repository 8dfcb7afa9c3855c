package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Set;

/**
 * Reshape, Squeeze and Unsqueeze → ncnn Reshape to the output's inferred ncnn dims (or nothing
 * when the ncnn dims do not change). Taking the output shape rather than the op's own shape /
 * axes inputs makes one lowering exact for all three, including squeezes of the batch axis that
 * leave the ncnn blob as it was.
 */
public final class ReshapeEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Reshapes.reshapeOrAlias(node, ctx);
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.Flatten;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Set;

/**
 * ONNX Flatten → ncnn Flatten. The IR result is [outer, inner]; with outer = 1 (axis 0 or 1, or
 * only unit axes before it) that is a 1-D ncnn blob, which is what ncnn's Flatten makes. An input
 * that already is 1-D for ncnn needs no layer; an outer size other than 1 would be a batch and is
 * refused.
 */
public final class FlattenEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Flatten.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        int[] target = Reshapes.target(ctx, node.output(0));
        if (target.length == 1 && ctx.rank(node.input(0)) > 1) {
            ctx.unary(Flatten.TYPE, node);
        } else {
            Reshapes.reshapeOrAlias(node, ctx);
        }
    }
}

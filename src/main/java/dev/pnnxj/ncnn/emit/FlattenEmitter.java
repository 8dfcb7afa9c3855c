package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;

/**
 * ONNX Flatten → ncnn Flatten when the result is 1-D for ncnn (axis 0 or 1 with batch 1);
 * any other result is a plain reshape to the output's dims.
 */
public final class FlattenEmitter implements Emitter {
    @Override
    public void emit(Node node, Lowering ctx) {
        int[] target = Reshapes.target(node.output(0));
        if (target.length == 1 && NcnnAxes.rank(node.input(0)) > 1) {
            ctx.unary("Flatten", node);
        } else {
            Reshapes.reshapeOrAlias(node, ctx);
        }
    }
}

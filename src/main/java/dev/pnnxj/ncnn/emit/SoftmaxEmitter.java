package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Softmax;
import dev.pnnxj.ncnn.layer.UnaryOp;
import java.util.Set;

/**
 * ONNX Softmax → ncnn Softmax (0=axis in ncnn's batch-free numbering, 1=1: without that flag
 * ncnn rejects a non-zero axis, kept for old param files). LogSoftmax has no ncnn layer and
 * becomes Softmax followed by UnaryOp log (op_type 8); for inputs whose softmax underflows to 0
 * that gives -inf where the fused op would stay finite.
 */
public final class SoftmaxEmitter implements Emitter {
    
    @Override
    public Set<String> layerTypes() {
        return Set.of(Softmax.TYPE, UnaryOp.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        ctx.dims(x); // an unknown shape is reported here rather than failing in axis()
        int axis = ctx.axis(x, node.getInt("axis", -1));
        NcnnLayer softmax = ctx.add(Softmax.TYPE, node);
        softmax.bottoms.add(ctx.blob(x));
        softmax.params.put(Softmax.AXIS, axis);
        softmax.params.put(Softmax.FIXBUG0, 1);
        if (node.op().equals("LogSoftmax")) {
            String probs = ctx.newBlob();
            softmax.tops.add(probs);
            NcnnLayer log = ctx.add(UnaryOp.TYPE, node);
            log.bottoms.add(probs);
            log.tops.add(ctx.blob(node.output(0)));
            log.params.put(UnaryOp.OP_TYPE, UnaryOpEmitter.LOG);
        } else {
            softmax.tops.add(ctx.blob(node.output(0)));
        }
    }
}

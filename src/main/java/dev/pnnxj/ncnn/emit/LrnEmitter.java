package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.LRN;
import java.util.Set;

/**
 * ONNX LRN → ncnn LRN across channels (region_type 0, local_size, alpha, beta, bias):
 * y = x * (bias + alpha / size * Σ x²)^-beta. ncnn sums channels q - size/2 .. q + size/2, which
 * is ONNX's window (q - floor((size-1)/2) .. q + ceil((size-1)/2)) only for an odd size; an even
 * size would sum one channel more, so it is refused.
 */
public final class LrnEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(LRN.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (ctx.rank(node.input(0)) != 3) {
            throw new Unsupported("ncnn LRN takes a (c,h,w) blob, got " + node.input(0).shape());
        }
        long size = node.getInt("size", 0);
        if (size % 2 == 0) {
            throw new Unsupported("LRN size " + size + " is even: ncnn's channel window is size + 1 wide then");
        }
        NcnnLayer l = ctx.unary(LRN.TYPE, node);
        l.params.put(LRN.REGION_TYPE, LRN.ACROSS_CHANNELS);
        l.params.put(LRN.LOCAL_SIZE, Math.toIntExact(size));
        l.params.put(LRN.ALPHA, node.getFloat("alpha", 1e-4f));
        l.params.put(LRN.BETA, node.getFloat("beta", 0.75f));
        l.params.put(LRN.BIAS, node.getFloat("bias", 1f));
    }
}

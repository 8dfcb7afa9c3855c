package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.BatchNorm;
import java.util.List;
import java.util.Set;

/**
 * ONNX BatchNormalization (inference) → ncnn BatchNorm (0=channels 1=eps). ncnn normalises per
 * outermost axis of the batch-free blob, which is the IR's channel axis 1 at every rank. Its
 * four weights slope, mean, var, bias are raw fp32 (load type 1); ncnn folds eps itself.
 */
public final class BatchNormEmitter implements Emitter {
    /** ONNX input index of each ncnn weight, in ncnn's load order. */
    private static final int[] INPUTS = {1, 3, 4, 2};
    private static final String[] WHAT = {"BatchNormalization scale", "BatchNormalization mean",
        "BatchNormalization var", "BatchNormalization bias"};

    @Override
    public Set<String> layerTypes() {
        return Set.of(BatchNorm.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (node.getInt("training_mode", 0) != 0) {
            throw new Emitter.Unsupported("training_mode=1 uses batch statistics; export the model in eval mode");
        }
        for (int i = 1; i < node.outputs().size(); i++) {
            if (ctx.isRead(node.output(i))) {
                throw new Emitter.Unsupported("running mean/var outputs are training-only");
            }
        }
        Value x = node.input(0);
        if (x.shape() != null && x.shape().rank() < 2) {
            throw new Emitter.Unsupported("input " + x.shape() + " has no channel axis");
        }
        Tensor[] w = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            w[i] = ctx.requireConstant(node, INPUTS[i], WHAT[i]);
        }
        int channels = Math.toIntExact(w[0].numel());
        for (int i = 1; i < 4; i++) {
            if (w[i].numel() != channels) {
                throw new Emitter.Unsupported(WHAT[i] + " " + w[i].shape() + " does not have " + channels + " values");
            }
        }
        NcnnLayer l = ctx.add(BatchNorm.TYPE, node, List.of(x), List.of(node.output(0)));
        l.params.put(BatchNorm.CHANNELS, channels);
        l.params.put(BatchNorm.EPS, node.getFloat("epsilon", 1e-5f));
        for (int i = 0; i < 4; i++) {
            l.weights.add(new Weight(node.input(INPUTS[i]).name(), w[i], false));
        }
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.GroupNorm;
import dev.pnnxj.ncnn.layer.InstanceNorm;
import java.util.List;
import java.util.Set;

/**
 * ONNX GroupNormalization → ncnn GroupNorm (0=group 1=channels 2=eps 3=affine) and ONNX
 * InstanceNormalization → ncnn InstanceNorm (0=channels 1=eps 2=affine). Both normalise groups of
 * consecutive channels over everything else, channels being IR axis 1 = ncnn's outermost axis;
 * instance normalisation is the case of one channel per group.
 *
 * <p>ncnn's InstanceNorm takes its channels from c, so it is right for 3-D and 4-D blobs only: it
 * would normalise a 2-D [C, L] blob (InstanceNorm1d) as one whole. Below 3-D the instance norm
 * becomes GroupNorm with one group per channel, which reads channels from h (2-D) or w (1-D).
 * gamma and beta (per channel, raw fp32) are written only when they are not all ones and zeros.
 * GroupNormalization before opset 21 took one scale and bias value per group; such values are
 * repeated over each group's channels.
 */
public final class GroupNormEmitter implements Emitter {
    private final boolean instance;

    private GroupNormEmitter(boolean instance) {
        this.instance = instance;
    }

    public static GroupNormEmitter groupNorm() {
        return new GroupNormEmitter(false);
    }

    public static GroupNormEmitter instanceNorm() {
        return new GroupNormEmitter(true);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(GroupNorm.TYPE, InstanceNorm.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        int[] dims = ctx.dims(x);
        if (x.shape().rank() < 2 || ctx.axis(x, 1) != 0) {
            throw new Emitter.Unsupported("the channel axis of " + x.shape() + " is not ncnn's outermost axis");
        }
        int channels = dims[0];
        if (channels == -1) {
            throw new Emitter.Unsupported("the channel count of " + x.shape() + " is unknown");
        }
        int groups = instance ? channels : (int) node.getInt("num_groups", 0);
        if (groups <= 0 || channels % groups != 0) {
            throw new Emitter.Unsupported(channels + " channels do not split into " + groups + " groups");
        }
        Tensor gamma = perChannel(node, ctx.requireConstant(node, 1, node.op() + " scale"), channels, groups);
        Tensor beta = perChannel(node, ctx.requireConstant(node, 2, node.op() + " bias"), channels, groups);
        boolean affine = !all(gamma, 1) || !all(beta, 0);
        float eps = node.getFloat("epsilon", 1e-5f);
        NcnnLayer l;
        if (instance && dims.length >= 3) {
            l = ctx.add(InstanceNorm.TYPE, node, List.of(x), List.of(node.output(0)));
            l.params.put(InstanceNorm.CHANNELS, channels).put(InstanceNorm.EPS, eps)
                    .put(InstanceNorm.AFFINE, affine ? 1 : 0);
        } else {
            l = ctx.add(GroupNorm.TYPE, node, List.of(x), List.of(node.output(0)));
            l.params.put(GroupNorm.GROUP, groups).put(GroupNorm.CHANNELS, channels).put(GroupNorm.EPS, eps)
                    .put(GroupNorm.AFFINE, affine ? 1 : 0);
        }
        if (affine) {
            l.weights.add(new Weight(node.input(1).name(), gamma, false));
            l.weights.add(new Weight(node.input(2).name(), beta, false));
        }
    }

    /** The scale or bias as one value per channel: given so, or one per group (opset 18) repeated. */
    private static Tensor perChannel(Node node, Tensor t, int channels, int groups) {
        if (t.numel() == channels) {
            return t;
        }
        if (t.numel() != groups) {
            throw new Emitter.Unsupported(node.op() + " scale/bias " + t.shape() + " does not have " + channels
                    + " values (one per channel)" + (groups == channels ? "" : " or " + groups + " (one per group)"));
        }
        float[] v = t.toFloats();
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = v[c / (channels / groups)];
        }
        return Tensor.ofFloats(Shape.of(channels), out);
    }

    private static boolean all(Tensor t, float v) {
        for (float f : t.toFloats()) {
            if (f != v) {
                return false;
            }
        }
        return true;
    }
}

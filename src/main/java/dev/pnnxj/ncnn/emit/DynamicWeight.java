package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution whose weight is data: ncnn's Convolution and Deconvolution with dynamic_weight=1
 * take the weight as a second bottom and the bias, when bias_term=1, as a third
 * (a constant bias becomes a MemoryData blob). ncnn reads the kernel size and channel counts off
 * the weight blob, which must be the whole 4-D [c, d, h, w] tensor: [out, in, kh, kw] for a
 * Convolution, [in, out, kh, kw] for a Deconvolution, so only 2-D windows of group 1 and a weight
 * that keeps all four axes in ncnn are taken.
 */
final class DynamicWeight {
    private DynamicWeight() {
    }

    static void require(Lowering ctx, Node node, int group, String what) {
        Value w = node.input(1);
        if (w.shape() == null || !w.shape().isKnown() || w.shape().rank() != 4) {
            throw new Emitter.Unsupported(what + " is data of shape " + w.shape() + "; ncnn's dynamic weight takes a"
                    + " known 4-D [c,d,h,w] blob (2-D convolutions)");
        }
        if (group != 1) {
            throw new Emitter.Unsupported(what + " is data and group=" + group + "; ncnn's dynamic weight is for "
                    + "group 1");
        }
        if (ctx.rank(w) != 4) {
            throw new Emitter.Unsupported(what + " is data " + w.shape() + " whose first axis ncnn drops as the "
                    + "batch; its dynamic weight needs the whole 4-D tensor");
        }
    }

    /** Input, weight and (when present) bias. */
    static List<Value> bottoms(Node node) {
        List<Value> b = new ArrayList<>(List.of(node.input(0), node.input(1)));
        if (node.input(2) != null) {
            b.add(node.input(2));
        }
        return b;
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Padding;
import java.util.Set;

/**
 * ONNX Pad (constant pads; modes constant / edge / reflect) → ncnn Padding. ncnn pads w with
 * 2=left 3=right, h with 0=top 1=bottom, and the third axis from the inside (c of a 3-D blob, d
 * of a 4-D one) with 7=front 8=behind; it cannot pad the channels of a 4-D blob, the batch axis,
 * or crop with negative pads.
 */
public final class PaddingEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Padding.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        int rank = ctx.rank(in);
        Shape shape = in.shape();
        long[][] pads = pads(node, ctx, shape.rank());
        int type = switch (node.getString("mode", "constant")) {
            case "constant" -> 0;
            case "edge" -> 1;
            case "reflect" -> 2;
            default -> throw new Unsupported("pad mode '" + node.getString("mode", "") + "' has no ncnn Padding type");
        };
        // begin, end for ncnn axes counted from the innermost: w, h, then c (3-D) or d (4-D)
        int[] amounts = new int[6];
        boolean any = false;
        for (int axis = 0; axis < shape.rank(); axis++) {
            long begin = pads[0][axis];
            long end = pads[1][axis];
            if (begin < 0 || end < 0) {
                throw new Unsupported("negative pads crop; ncnn Padding only adds");
            }
            if (begin == 0 && end == 0) {
                continue;
            }
            int fromInnermost = rank - 1 - ctx.axis(in, axis);
            if (fromInnermost > 2) {
                throw new Unsupported("ncnn Padding cannot pad the channels of a 4-D blob");
            }
            amounts[2 * fromInnermost] = (int) begin;
            amounts[2 * fromInnermost + 1] = (int) end;
            any = true;
        }
        if (!any) {
            ctx.alias(node.output(0), in);
            return;
        }
        float value = type == 0 ? padValue(node, ctx) : 0f;
        ParamDict p = ctx.unary(Padding.TYPE, node).params;
        p.put(Padding.TOP, amounts[2]).put(Padding.BOTTOM, amounts[3]).put(Padding.LEFT, amounts[0])
                .put(Padding.RIGHT, amounts[1]).put(Padding.PAD_TYPE, type);
        if (type == 0) {
            p.put(Padding.VALUE, value);
        }
        if (amounts[4] != 0 || amounts[5] != 0) {
            p.put(Padding.FRONT, amounts[4]).put(Padding.BEHIND, amounts[5]);
        }
    }

    /** Begin and end pads per IR axis, from the pads input and the optional axes input. */
    private static long[][] pads(Node node, Lowering ctx, int rank) {
        long[] flat = ctx.requireConstant(node, 1, "pads").toLongs();
        long[] axes;
        if (node.input(3) != null) {
            axes = ctx.requireConstant(node, 3, "axes").toLongs();
        } else {
            axes = new long[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        if (flat.length != 2 * axes.length) {
            throw new Unsupported("pads has " + flat.length + " entries for " + axes.length + " axes");
        }
        long[][] pads = new long[2][rank];
        for (int i = 0; i < axes.length; i++) {
            int axis = node.input(0).shape().axis(axes[i]);
            pads[0][axis] = flat[i];
            pads[1][axis] = flat[axes.length + i];
        }
        return pads;
    }

    private static float padValue(Node node, Lowering ctx) {
        Value v = node.input(2);
        if (v == null) {
            return 0f;
        }
        return (float) ctx.requireConstant(node, 2, "constant_value").scalar();
    }
}

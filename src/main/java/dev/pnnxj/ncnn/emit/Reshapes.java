package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter.Unsupported;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;

/**
 * Re-viewing a blob with another ncnn shape. With batch 1 a reshape never moves data, so any
 * op whose result keeps a leading batch of 1 can be lowered as "reshape to the output's ncnn
 * dims", which is exact whatever the op computed the shape from.
 */
final class Reshapes {
    private Reshapes() {
    }

    /** Lowers node input 0 → output 0 as a Reshape to the output's dims, or an alias when nothing changes. */
    static void reshapeOrAlias(Node node, Lowering ctx) {
        Value in = node.input(0);
        Value out = node.output(0);
        int[] target = target(ctx, out);
        int[] current = ctx.dims(in);
        if (Arrays.equals(target, current) && isKnown(target)) {
            ctx.alias(out, in);
            return;
        }
        String bottom = ctx.blob(in);
        NcnnLayer l = layer(ctx, node, target);
        l.bottoms.add(bottom);
        l.tops.add(ctx.blob(out));
    }

    /**
     * The ncnn dims a reshape-like op must produce: the output's, provided its leading IR axis is
     * kept by ncnn or still a batch of 1, and something is left besides it.
     */
    static int[] target(Lowering ctx, Value out) {
        Shape s = out.shape();
        if (ctx.hasBatch(out) && s.dim(0) != 1 && s.dim(0) != Shape.UNKNOWN) {
            throw new Unsupported("result " + s + " puts data on the batch axis, which ncnn drops");
        }
        int[] dims = ctx.dims(out);
        if (dims.length == 0) {
            throw new Unsupported("result " + s + " has no axis besides batch; ncnn blobs need one");
        }
        return dims;
    }

    /** A new intermediate blob holding {@code bottom} re-viewed as {@code dims}. */
    static String toDims(Lowering ctx, Node source, String bottom, int[] dims) {
        NcnnLayer l = layer(ctx, source, dims);
        l.bottoms.add(bottom);
        String top = ctx.newBlob(dims);
        l.tops.add(top);
        return top;
    }

    /** Appends a Reshape layer to {@code dims}; a single unknown dim is written as ncnn's "the rest" (-1). */
    private static NcnnLayer layer(Lowering ctx, Node source, int[] dims) {
        long unknown = Arrays.stream(dims).filter(d -> d == Shape.UNKNOWN).count();
        if (unknown > 1) {
            throw new Unsupported("reshape to " + Arrays.toString(dims)
                    + " has more than one unknown dim; give inputshape=");
        }
        NcnnLayer l = ctx.add(Reshape.TYPE, source);
        LowerToNcnn.putShape(l, NcnnAxes.whdc(dims), dims.length);
        return l;
    }

    static boolean isKnown(int[] dims) {
        return Arrays.stream(dims).noneMatch(d -> d == Shape.UNKNOWN);
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Tile;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * ONNX Tile (constant repeats) and Expand (constant shape) → ncnn Tile with param 2 = one repeat
 * count per ncnn axis of the result, outermost first. An Expand is a tile too: broadcasting only
 * stretches size-1 axes, so each such axis repeats as often as the result's extent there.
 *
 * <p>ncnn lines the repeats up with the blob's axes from the innermost one and gives the result as
 * many dims as there are repeats, which is numpy's alignment, except that four repeats on a 3-D
 * blob start at c rather than at a new outer axis: that one rank growth is refused. Axes ncnn drops
 * have extent 1, so lining up ncnn dims lines up the IR's. A Tile keeps the rank; one that repeats
 * the batch axis is refused, as ncnn drops that axis.
 */
public final class TileEmitter implements Emitter {
    private final boolean expand;

    private TileEmitter(boolean expand) {
        this.expand = expand;
    }

    public static TileEmitter tile() {
        return new TileEmitter(false);
    }

    public static TileEmitter expand() {
        return new TileEmitter(true);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(Tile.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        Value y = node.output(0);
        int[] in = ctx.dims(x);
        int[] out = ctx.dims(y);
        if (expand ? in.length > out.length : in.length != out.length) {
            throw new Emitter.Unsupported(node.op() + " from " + x.shape() + " to " + y.shape() + " changes the ncnn"
                    + " rank from " + in.length + " to " + out.length);
        }
        if (in.length == 3 && out.length == 4) {
            throw new Emitter.Unsupported(node.op() + " from " + x.shape() + " to " + y.shape() + " makes a 3-D"
                    + " blob 4-D, where ncnn Tile applies the first repeat to c instead of a new outer axis");
        }
        int[] repeats;
        if (expand) {
            ctx.requireConstant(node, 1, "Expand shape");
            repeats = expandRepeats(node, in, out);
        } else {
            repeats = tileRepeats(node, ctx, x, in.length);
        }
        NcnnLayer l = ctx.unary(Tile.TYPE, node);
        l.params.put(Tile.REPEATS, repeats);
    }

    /** The repeats of an ONNX Tile, less the entry for a dropped batch axis (which must be 1). */
    private static int[] tileRepeats(Node node, Lowering ctx, Value x, int ncnnRank) {
        long[] r = ctx.requireConstant(node, 1, "Tile repeats").toLongs();
        int dropped = r.length - ncnnRank;
        for (int i = 0; i < dropped; i++) {
            if (r[i] != 1) {
                throw new Emitter.Unsupported("Tile repeats " + Arrays.toString(r) + " the batch axis of "
                        + x.shape() + ", which ncnn drops");
            }
        }
        int[] out = new int[ncnnRank];
        for (int i = 0; i < ncnnRank; i++) {
            out[i] = Math.toIntExact(r[dropped + i]);
        }
        return out;
    }

    /**
     * Per ncnn axis of the result: its extent where the input (lined up from the innermost axis,
     * missing axes counting as 1) has 1, else 1 (the extents agree).
     */
    private static int[] expandRepeats(Node node, int[] in, int[] out) {
        int[] repeats = new int[out.length];
        int missing = out.length - in.length;
        for (int i = 0; i < out.length; i++) {
            int from = i < missing ? 1 : in[i - missing];
            if (from == out[i]) {
                repeats[i] = 1;
            } else if (from == 1 && out[i] > 0) {
                repeats[i] = out[i];
            } else {
                throw new Emitter.Unsupported("Expand from " + node.input(0).shape() + " to "
                        + node.output(0).shape() + " has an extent that is unknown at conversion time");
            }
        }
        return repeats;
    }
}

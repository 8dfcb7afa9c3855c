package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter.Unsupported;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Crop;

/**
 * A slice with step s &gt; 1 along one ncnn axis, which ncnn's Crop cannot take: the n picked
 * elements lie one per block of s, so cropping a window of n*s elements, viewing it as
 * [outer, n, s*inner] and keeping one inner-sized run of every block picks exactly them
 * (YOLOv5's Focus x[..., ::2, ::2] is two of these).
 */
final class StridedCrop {
    private StridedCrop() {
    }

    /**
     * Appends the layers for one stepped axis and returns the blob holding the result.
     *
     * @param dims  ncnn dims of {@code bottom}, all known
     * @param axis  ncnn axis to slice
     * @param start first picked index, resolved against the axis size
     * @param step  the step, at least 2
     * @param count how many elements are picked
     */
    static String emit(Lowering ctx, Node node, String bottom, int[] dims, int axis, int start, int step, int count) {
        int size = dims[axis];
        int window = count * step;
        int windowStart = Math.min(start, size - window);
        if (windowStart < 0) {
            throw new Unsupported("step " + step + " slice from " + start + " of an axis of size " + size
                    + " has no whole last block; ncnn cannot express it");
        }
        String blob = bottom;
        if (window != size) {
            blob = crop(ctx, node, blob, axis, windowStart, windowStart + window, withDim(dims, axis, window));
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        int offset = start - windowStart;
        blob = Reshapes.toDims(ctx, node, blob, new int[] {outer, count, step * inner});
        int[] picked = {outer, count, inner};
        blob = crop(ctx, node, blob, 2, offset * inner, (offset + 1) * inner, picked);
        int[] out = withDim(dims, axis, count);
        return java.util.Arrays.equals(out, picked) ? blob : Reshapes.toDims(ctx, node, blob, out);
    }

    private static String crop(Lowering ctx, Node node, String bottom, int axis, int start, int end, int[] outDims) {
        NcnnLayer l = ctx.add(Crop.TYPE, node);
        l.params.put(Crop.STARTS, new int[] {start}).put(Crop.ENDS, new int[] {end}).put(Crop.AXES, new int[] {axis});
        l.bottoms.add(bottom);
        String top = ctx.newBlob(outDims);
        l.tops.add(top);
        return top;
    }

    private static int[] withDim(int[] dims, int axis, int value) {
        int[] d = dims.clone();
        d[axis] = value;
        return d;
    }
}

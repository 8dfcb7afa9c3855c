package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import java.util.Arrays;

/**
 * Spatial output sizes of sliding-window ops (Conv, ConvTranspose, the pools), read from the
 * node's kernel_shape/strides/dilations/pads/auto_pad/ceil_mode/output_padding/output_shape.
 */
public final class WindowShapes {
    private WindowShapes() {
    }

    /**
     * Output shape of a Conv or pool over {@code x} [N, C, spatial...] (or unbatched [C, spatial...],
     * as PyTorch takes it) with {@code channels} output channels and the given kernel sizes.
     */
    public static Shape forward(Node n, Shape x, int channels, int[] kernel, boolean ceilMode) {
        int k = kernel.length;
        if (unbatched(x, k)) {
            return dropBatch(forward(n, withBatch(x), channels, kernel, ceilMode));
        }
        checkRank(x, k);
        long[] strides = ints(n, "strides", k, 1);
        long[] dilations = ints(n, "dilations", k, 1);
        long[] pads = ints(n, "pads", 2 * k, 0);
        String autoPad = n.getString("auto_pad", "NOTSET");
        int[] out = new int[k + 2];
        out[0] = x.dim(0);
        out[1] = channels;
        for (int i = 0; i < k; i++) {
            int in = x.dim(i + 2);
            long s = strides[i];
            long extent = (kernel[i] - 1L) * dilations[i] + 1;
            if (in == UNKNOWN || kernel[i] == UNKNOWN) {
                out[i + 2] = UNKNOWN;
            } else if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
                out[i + 2] = Dims.of(Math.floorDiv(in + s - 1, s));
            } else {
                boolean valid = autoPad.equals("VALID");
                long begin = valid ? 0 : pads[i];
                long span = in + (valid ? 0 : pads[i] + pads[i + k]) - extent;
                long o = (ceilMode ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
                // a window may not start in the end padding: PyTorch and ONNX drop that last one
                if (ceilMode && (o - 1) * s >= in + begin) {
                    o--;
                }
                out[i + 2] = Dims.of(o);
            }
        }
        return Shape.of(out);
    }

    /** Output shape of a ConvTranspose over {@code x} with {@code channels} output channels. */
    public static Shape transposed(Node n, Shape x, int channels, int[] kernel) {
        int k = kernel.length;
        if (unbatched(x, k)) {
            return dropBatch(transposed(n, withBatch(x), channels, kernel));
        }
        checkRank(x, k);
        long[] strides = ints(n, "strides", k, 1);
        long[] dilations = ints(n, "dilations", k, 1);
        long[] pads = ints(n, "pads", 2 * k, 0);
        long[] outputPadding = ints(n, "output_padding", k, 0);
        long[] outputShape = n.getInts("output_shape");
        String autoPad = n.getString("auto_pad", "NOTSET");
        int[] out = new int[k + 2];
        out[0] = x.dim(0);
        out[1] = channels;
        for (int i = 0; i < k; i++) {
            int in = x.dim(i + 2);
            if (outputShape != null) {
                // given either for the spatial axes only or for all axes
                out[i + 2] = Dims.of(outputShape[outputShape.length - k + i]);
            } else if (in == UNKNOWN || kernel[i] == UNKNOWN) {
                out[i + 2] = UNKNOWN;
            } else if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
                out[i + 2] = Dims.of(in * strides[i]);
            } else {
                long extent = (kernel[i] - 1L) * dilations[i] + 1;
                long padTotal = autoPad.equals("VALID") ? 0 : pads[i] + pads[i + k];
                out[i + 2] = Dims.of(strides[i] * (in - 1) + outputPadding[i] + extent - padTotal);
            }
        }
        return Shape.of(out);
    }

    /** Spatial kernel sizes: the kernel_shape attribute, else the weight's trailing dims. */
    public static int[] kernel(Node n, Shape weight) {
        long[] ks = n.getInts("kernel_shape");
        if (ks != null) {
            return Arrays.stream(ks).mapToInt(Dims::of).toArray();
        }
        if (weight == null) {
            throw new IllegalArgumentException(n + " has no kernel_shape");
        }
        return Arrays.copyOfRange(weight.dims(), 2, weight.rank());
    }

    /** Whether {@code x} is a window op's input without its batch axis: [C, spatial...]. */
    public static boolean unbatched(Shape x, int spatial) {
        return x.rank() == spatial + 1;
    }

    /** {@code x} with a leading batch axis of 1. */
    public static Shape withBatch(Shape x) {
        int[] d = new int[x.rank() + 1];
        d[0] = 1;
        System.arraycopy(x.dims(), 0, d, 1, x.rank());
        return Shape.of(d);
    }

    private static Shape dropBatch(Shape y) {
        return Shape.of(Arrays.copyOfRange(y.dims(), 1, y.rank()));
    }

    private static void checkRank(Shape x, int spatial) {
        if (x.rank() != spatial + 2) {
            throw new IllegalArgumentException("input " + x + " does not have " + spatial + " spatial axes");
        }
    }

    private static long[] ints(Node n, String attr, int len, long dflt) {
        long[] v = n.getInts(attr);
        if (v == null || v.length == 0) {
            v = new long[len];
            Arrays.fill(v, dflt);
        } else if (v.length != len) {
            throw new IllegalArgumentException(attr + " " + Arrays.toString(v) + " needs " + len + " values");
        }
        return v;
    }
}

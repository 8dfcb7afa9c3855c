package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Convolution3D;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.Param;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The sliding-window attributes ONNX Conv, ConvTranspose, MaxPool and AveragePool share
 * ({@code kernel_shape, strides, dilations, pads, auto_pad}), one entry per spatial axis in ONNX
 * order (outermost first), and how they become ncnn params, whose ids run w, h, d.
 */
final class Window {
    /** Params of the convolution family (Convolution*, Deconvolution*), indexed w, h, d. */
    static final Param.Int[] CONV_KERNEL = {Convolution.KERNEL_W, Convolution.KERNEL_H, Convolution3D.KERNEL_D};
    static final Param.Int[] CONV_DILATION = {Convolution.DILATION_W, Convolution.DILATION_H, Convolution3D.DILATION_D};
    static final Param.Int[] CONV_STRIDE = {Convolution.STRIDE_W, Convolution.STRIDE_H, Convolution3D.STRIDE_D};
    static final Param.Int[] CONV_PAD_BEGIN = {Convolution.PAD_LEFT, Convolution.PAD_TOP, Convolution3D.PAD_FRONT};
    static final Param.Int[] CONV_PAD_END = {Convolution.PAD_RIGHT, Convolution.PAD_BOTTOM, Convolution3D.PAD_BEHIND};

    /** ncnn has windowed layers over 1, 2 and 3 spatial axes. */
    static final int MAX_RANK = 3;

    enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID }

    final int rank;
    final long[] kernel;
    final long[] strides;
    final long[] dilations;
    final long[] padBegin;
    final long[] padEnd;
    final AutoPad autoPad;

    private Window(long[] kernel, long[] strides, long[] dilations, long[] padBegin, long[] padEnd, AutoPad autoPad) {
        this.rank = kernel.length;
        this.kernel = kernel;
        this.strides = strides;
        this.dilations = dilations;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.autoPad = autoPad;
    }

    /**
     * Reads the node's window attributes; {@code kernel} is the kernel size when the node has no
     * {@code kernel_shape} (a convolution takes it from its weight).
     */
    /**
     * The window of a convolution-like node whose kernel size is the trailing dims of its weight
     * ([out, in, k...] or [in, out, k...]); checks the input has as many spatial axes.
     */
    static Window ofWeight(Lowering ctx, Node n, Shape weight, Value x) {
        int[] wd = weight.dims();
        if (wd.length < 3) {
            throw new Emitter.Unsupported("weight " + weight + " has no spatial axes");
        }
        long[] kernel = new long[wd.length - 2];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = wd[i + 2];
        }
        Window win = of(n, kernel);
        requireSpatialInput(ctx, x, win.rank);
        return win;
    }

    static Window of(Node n, long[] kernel) {
        long[] k = n.getInts("kernel_shape");
        if (k == null) {
            k = kernel;
        }
        if (k == null) {
            throw new Emitter.Unsupported("kernel_shape is missing");
        }
        int r = k.length;
        if (r < 1 || r > MAX_RANK) {
            throw new Emitter.Unsupported(r + "-D windows have no ncnn layer (1-D, 2-D and 3-D do)");
        }
        long[] pads = n.getInts("pads");
        if (pads != null && pads.length != 2 * r) {
            throw new Emitter.Unsupported("pads has " + pads.length + " entries, expected " + 2 * r);
        }
        long[] begin = new long[r];
        long[] end = new long[r];
        if (pads != null) {
            System.arraycopy(pads, 0, begin, 0, r);
            System.arraycopy(pads, r, end, 0, r);
        }
        AutoPad autoPad;
        try {
            autoPad = AutoPad.valueOf(n.getString("auto_pad", "NOTSET"));
        } catch (IllegalArgumentException e) {
            throw new Emitter.Unsupported("unknown auto_pad " + n.getString("auto_pad", ""));
        }
        if (autoPad != AutoPad.NOTSET) {
            // ONNX ignores explicit pads under auto_pad
            begin = new long[r];
            end = new long[r];
        }
        return new Window(k.clone(), ints(n, "strides", r), ints(n, "dilations", r), begin, end, autoPad);
    }

    private static long[] ints(Node n, String attr, int r) {
        long[] v = n.getInts(attr);
        if (v == null) {
            v = new long[r];
            java.util.Arrays.fill(v, 1);
        } else if (v.length != r) {
            throw new Emitter.Unsupported(attr + " has " + v.length + " entries, expected " + r);
        }
        return v;
    }

    boolean isSame() {
        return autoPad == AutoPad.SAME_UPPER || autoPad == AutoPad.SAME_LOWER;
    }

    /**
     * Whether ncnn's own SAME handling matches ONNX for this window: its 3-D layers split an odd
     * SAME_LOWER depth pad the SAME_UPPER way, so those pads must be given explicitly.
     */
    boolean ncnnResolvesSame() {
        return !(rank == 3 && autoPad == AutoPad.SAME_LOWER);
    }

    /** Dilated kernel extent along ONNX spatial axis i. */
    long extent(int i) {
        return dilations[i] * (kernel[i] - 1) + 1;
    }

    /**
     * Explicit {begin, end} pads; SAME pads are worked out from the input's spatial dims with
     * ONNX's rule (output = ceil(in / stride), the odd pad going to the end for SAME_UPPER).
     */
    long[][] explicitPads(Value input) {
        if (!isSame()) {
            return new long[][] {padBegin, padEnd};
        }
        int[] in = spatialDims(input, rank);
        long[] b = new long[rank];
        long[] e = new long[rank];
        for (int i = 0; i < rank; i++) {
            if (in[i] == Shape.UNKNOWN) {
                throw new Emitter.Unsupported(autoPad + " padding of this window needs the spatial size of '"
                        + input.name() + "', which is unknown; give inputshape=");
            }
            long out = (in[i] + strides[i] - 1) / strides[i];
            long total = Math.max(0, (out - 1) * strides[i] + extent(i) - in[i]);
            long small = total / 2;
            b[i] = autoPad == AutoPad.SAME_UPPER ? small : total - small;
            e[i] = total - b[i];
        }
        return new long[][] {b, e};
    }

    /** Writes convolution kernel, dilation and stride params. */
    void putConvWindow(ParamDict p) {
        put(p, CONV_KERNEL, kernel);
        put(p, CONV_DILATION, dilations);
        put(p, CONV_STRIDE, strides);
    }

    /** Writes one value per spatial axis: ONNX lists axes outermost first, ncnn ids run w, h, d. */
    static void put(ParamDict p, Param.Int[] ids, long[] values) {
        for (int i = 0; i < values.length; i++) {
            p.put(ids[i], Math.toIntExact(values[values.length - 1 - i]));
        }
    }

    /** Writes the same value to the first {@code rank} ids. */
    static void fill(ParamDict p, Param.Int[] ids, int rank, int value) {
        for (int i = 0; i < rank; i++) {
            p.put(ids[i], value);
        }
    }

    /** The last {@code rank} dims of the value (its spatial axes), UNKNOWN where not known. */
    static int[] spatialDims(Value v, int rank) {
        Shape s = v.shape();
        int[] out = new int[rank];
        java.util.Arrays.fill(out, Shape.UNKNOWN);
        if (s != null && s.rank() >= rank) {
            for (int i = 0; i < rank; i++) {
                out[i] = s.dim(s.rank() - rank + i);
            }
        }
        return out;
    }

    /** Checks that the activation has batch, channel and {@code rank} spatial axes. */
    static void requireSpatialInput(Lowering ctx, Value x, int rank) {
        if (x.shape() != null && ctx.rank(x) != rank + 1) {
            throw new Emitter.Unsupported("input '" + x.name() + "' " + x.shape() + " should be [1,C] plus " + rank
                    + " spatial dims");
        }
    }

    /** The layer types the given names yield over every spatial rank ncnn supports. */
    @SafeVarargs
    static Set<String> everyRank(IntFunction<String>... names) {
        Set<String> types = new TreeSet<>();
        for (int r = 1; r <= MAX_RANK; r++) {
            for (IntFunction<String> name : names) {
                types.add(name.apply(r));
            }
        }
        return types;
    }

    /** ncnn's layer-name suffix for the spatial rank: Convolution1D, Convolution, Convolution3D. */
    static String suffix(int rank) {
        return switch (rank) {
            case 1 -> "1D";
            case 2 -> "";
            default -> "3D";
        };
    }
}

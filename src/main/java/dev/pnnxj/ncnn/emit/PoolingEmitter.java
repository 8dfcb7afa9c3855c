package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.ncnn.layer.Pooling3D;
import dev.pnnxj.ncnn.layer.Pooling;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * ONNX MaxPool / AveragePool / GlobalMaxPool / GlobalAveragePool → ncnn Pooling1D / Pooling /
 * Pooling3D by spatial rank.
 *
 * <p>ncnn's pad_mode decides the output size: 1 (valid) rounds down like ceil_mode=0, 0 (full)
 * pads the tail so the size rounds up, 2/3 compute SAME_UPPER/SAME_LOWER pads. ncnn's
 * count-exclude-pad average only knows explicit and tail pads, so an averaging SAME window that
 * excludes pads gets its pads worked out here. Global pooling yields a 1-D [C] blob in ncnn; a
 * Reshape restores the IR's [C,1,...] so later layers see the shape the IR promises.
 *
 * <p>pnnx-j's AdaptiveAveragePool / AdaptiveMaxPool → the same layers with adaptive_pooling=1 and
 * the output size in out_w/out_h/out_d: ncnn's windows run from floor(i * in / out) to
 * ceil((i + 1) * in / out), as PyTorch's do.
 */
public final class PoolingEmitter implements Emitter {
    private static final int MAX = 0;
    private static final int AVG = 1;
    private static final Param.Int[] KERNEL = {Pooling.KERNEL_W, Pooling.KERNEL_H, Pooling3D.KERNEL_D};
    private static final Param.Int[] STRIDE = {Pooling.STRIDE_W, Pooling.STRIDE_H, Pooling3D.STRIDE_D};
    private static final Param.Int[] PAD_BEGIN = {Pooling.PAD_LEFT, Pooling.PAD_TOP, Pooling3D.PAD_FRONT};
    private static final Param.Int[] PAD_END = {Pooling.PAD_RIGHT, Pooling.PAD_BOTTOM, Pooling3D.PAD_BEHIND};
    private static final Param.Int[] OUT_SIZE = {Pooling.OUT_W, Pooling.OUT_H, Pooling3D.OUT_D};
    private static final int PAD_FULL = 0;
    private static final int PAD_VALID = 1;
    private static final int PAD_SAME_UPPER = 2;
    private static final int PAD_SAME_LOWER = 3;

    @Override
    public Set<String> layerTypes() {
        Set<String> types = new TreeSet<>(Window.everyRank(r -> Pooling.TYPE + Window.suffix(r)));
        // global pooling restores the IR's [C,1,...] shape
        types.add(Reshape.TYPE);
        return types;
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        switch (node.op()) {
            case "GlobalMaxPool" -> global(node, ctx, MAX);
            case "GlobalAveragePool" -> global(node, ctx, AVG);
            case "MaxPool" -> window(node, ctx, MAX);
            case "AveragePool" -> window(node, ctx, AVG);
            case "AdaptiveMaxPool" -> adaptive(node, ctx, MAX);
            case "AdaptiveAveragePool" -> adaptive(node, ctx, AVG);
            default -> throw new IllegalArgumentException(node.op());
        }
    }

    private static void global(Node node, Lowering ctx, int type) {
        Value x = node.input(0);
        Value y = node.output(0);
        int spatial = ctx.rank(x) - 1;
        if (spatial < 1 || spatial > Window.MAX_RANK) {
            throw new Emitter.Unsupported("global pooling over " + spatial + " spatial axes has no ncnn layer");
        }
        NcnnLayer pool = ctx.add(Pooling.TYPE + Window.suffix(spatial), node);
        pool.bottoms.add(ctx.blob(x));
        String flat = ctx.newBlob();
        pool.tops.add(flat);
        pool.params.put(Pooling.POOLING_TYPE, type);
        pool.params.put(Pooling.GLOBAL_POOLING, 1);
        NcnnLayer reshape = ctx.add(Reshape.TYPE, node);
        reshape.bottoms.add(flat);
        reshape.tops.add(ctx.blob(y));
        int[] dims = ctx.dims(y);
        LowerToNcnn.putShape(reshape, NcnnAxes.whdc(dims), dims.length);
    }

    private static void adaptive(Node node, Lowering ctx, int type) {
        Value x = node.input(0);
        long[] size = node.getInts("output_size");
        Window.requireSpatialInput(ctx, x, size.length);
        NcnnLayer l = ctx.add(Pooling.TYPE + Window.suffix(size.length), node, List.of(x), List.of(node.output(0)));
        l.params.put(Pooling.POOLING_TYPE, type);
        l.params.put(Pooling.ADAPTIVE_POOLING, 1);
        Window.put(l.params, OUT_SIZE, size);
    }

    private static void window(Node node, Lowering ctx, int type) {
        Value x = node.input(0);
        if (node.outputs().size() > 1 && !node.output(1).users().isEmpty()) {
            throw new Emitter.Unsupported("MaxPool indices output has no ncnn equivalent");
        }
        Window win = Window.of(node, null);
        Window.requireSpatialInput(ctx, x, win.rank);
        for (long d : win.dilations) {
            if (d != 1) {
                throw new Emitter.Unsupported("ncnn pooling has no dilation (dilations=" + Arrays.toString(
                        win.dilations) + ")");
            }
        }
        boolean includePad = type == AVG && node.getInt("count_include_pad", 0) != 0;
        NcnnLayer l = ctx.add(Pooling.TYPE + Window.suffix(win.rank), node, List.of(x), List.of(node.output(0)));
        ParamDict p = l.params;
        p.put(Pooling.POOLING_TYPE, type);
        Window.put(p, KERNEL, win.kernel);
        Window.put(p, STRIDE, win.strides);
        int padMode;
        if (win.isSame() && win.ncnnResolvesSame() && (type == MAX || includePad)) {
            padMode = win.autoPad == Window.AutoPad.SAME_UPPER ? PAD_SAME_UPPER : PAD_SAME_LOWER;
        } else {
            long[][] pads = win.explicitPads(x);
            Window.put(p, PAD_BEGIN, pads[0]);
            Window.put(p, PAD_END, pads[1]);
            // without pads every window only covers data (a ceil_mode tail window is cut at the
            // input's end in PyTorch and ONNX), so counting pads or not divides alike
            includePad &= Arrays.stream(pads[0]).anyMatch(v -> v != 0) || Arrays.stream(pads[1]).anyMatch(v -> v != 0);
            padMode = node.getInt("ceil_mode", 0) != 0 ? ceilPadMode(win, pads, x, node.output(0), includePad)
                    : PAD_VALID;
        }
        p.put(Pooling.PAD_MODE, padMode);
        if (type == AVG) {
            p.put(Pooling.AVGPOOL_COUNT_INCLUDE_PAD, includePad ? 1 : 0);
        }
    }

    /**
     * ceil_mode=1: ncnn's full padding rounds every axis up, but ONNX drops a last window that
     * would start in the end padding, so the IR's output size decides. When it is the
     * rounded-down size on every axis, valid padding gives it exactly.
     */
    private static int ceilPadMode(Window win, long[][] pads, Value x, Value y, boolean includePad) {
        int[] in = Window.spatialDims(x, win.rank);
        int[] out = Window.spatialDims(y, win.rank);
        boolean allFloor = true;
        boolean allCeil = true;
        for (int i = 0; i < win.rank; i++) {
            if (in[i] == Shape.UNKNOWN || out[i] == Shape.UNKNOWN) {
                return PAD_FULL;
            }
            long span = in[i] + pads[0][i] + pads[1][i] - win.kernel[i];
            allFloor &= out[i] == span / win.strides[i] + 1;
            allCeil &= out[i] == (span + win.strides[i] - 1) / win.strides[i] + 1;
        }
        if (allFloor) {
            return PAD_VALID;
        }
        if (!allCeil) {
            throw new Emitter.Unsupported("ceil_mode output " + y.shape() + " rounds down on some axes and up on "
                    + "others; ncnn pads all axes alike");
        }
        if (includePad) {
            // ncnn divides a partial tail window by the full kernel area, ONNX by the area inside the pads
            throw new Emitter.Unsupported("count_include_pad=1 with ceil_mode partial windows averages differently "
                    + "in ncnn");
        }
        return PAD_FULL;
    }
}

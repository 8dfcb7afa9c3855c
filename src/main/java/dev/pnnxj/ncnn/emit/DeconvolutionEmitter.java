package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise;
import dev.pnnxj.ncnn.layer.Deconvolution3D;
import dev.pnnxj.ncnn.layer.Deconvolution;
import dev.pnnxj.ncnn.layer.DeconvolutionDepthWise;
import dev.pnnxj.ncnn.layer.Param;
import java.util.List;
import java.util.Set;

/**
 * ONNX ConvTranspose → ncnn Deconvolution1D / Deconvolution / Deconvolution3D, or the
 * DeconvolutionDepthWise variant (7=group) when group > 1.
 *
 * <p>ONNX stores the weight as [Cin, Cout/group, k...] and ncnn as [group, Cout/group,
 * Cin/group, k...], so the two channel axes are swapped inside each group. output_padding maps
 * to ncnn's output_pad ids. An explicit output_shape, or SAME auto_pad (which asks for
 * output = input * stride), becomes ncnn's output size params with marker pads: ncnn crops the
 * full result to that size, putting the odd pixel where ONNX does (-233 for SAME_UPPER, -234
 * otherwise). A weight that is data becomes a second bottom with dynamic_weight=1, see
 * {@link DynamicWeight}.
 */
public final class DeconvolutionEmitter implements Emitter {
    private static final Param.Int[] OUTPUT_PAD = {
        Deconvolution.OUTPUT_PAD_RIGHT, Deconvolution.OUTPUT_PAD_BOTTOM, Deconvolution3D.OUTPUT_PAD_BEHIND};
    /** output_w, output_h, output_d per spatial rank (ncnn renumbered them for 3-D). */
    private static final Param.Int[][] OUTPUT_SIZE = {
        {Deconvolution.OUTPUT_W},
        {Deconvolution.OUTPUT_W, Deconvolution.OUTPUT_H},
        {Deconvolution3D.OUTPUT_W, Deconvolution3D.OUTPUT_H, Deconvolution3D.OUTPUT_D}};

    @Override
    public Set<String> layerTypes() {
        return Window.everyRank(r -> type(r, false), r -> type(r, true));
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        Value w = node.input(1);
        int group = Math.toIntExact(node.getInt("group", 1));
        boolean dynamic = !w.isConstant();
        if (dynamic) {
            DynamicWeight.require(ctx, node, group, "the transposed-convolution weight");
        }
        Tensor weight = dynamic ? null : ctx.requireConstant(node, 1, "the transposed-convolution weight");
        Shape ws = dynamic ? w.shape() : weight.shape();
        Window win = Window.ofWeight(ctx, node, ws, x);
        int outC = ws.dim(1) * group;
        Tensor bias = node.input(2) == null || dynamic ? null
                : ctx.requireConstant(node, 2, "the transposed-convolution bias");

        // a dynamic weight is 2-D and of group 1 (DynamicWeight.require), so this is plain Deconvolution
        NcnnLayer l = ctx.add(type(win.rank, group != 1), node, dynamic ? DynamicWeight.bottoms(node) : List.of(x),
                List.of(node.output(0)));
        ParamDict p = l.params;
        p.put(Convolution.NUM_OUTPUT, outC);
        win.putConvWindow(p);
        long[] outputShape = outputSize(node, win, x);
        if (outputShape == null) {
            long[][] pads = win.explicitPads(x);
            Window.put(p, Window.CONV_PAD_BEGIN, pads[0]);
            Window.put(p, Window.CONV_PAD_END, pads[1]);
        } else {
            int mark = win.autoPad == Window.AutoPad.SAME_UPPER ? Convolution.PAD_SAME_UPPER : Convolution.PAD_SAME_LOWER;
            Window.fill(p, Window.CONV_PAD_BEGIN, win.rank, mark);
            Window.fill(p, Window.CONV_PAD_END, win.rank, mark);
            Window.put(p, OUTPUT_SIZE[win.rank - 1], outputShape);
        }
        long[] outputPadding = node.getInts("output_padding");
        if (outputPadding != null) {
            if (outputPadding.length != win.rank) {
                throw new Emitter.Unsupported("output_padding has " + outputPadding.length + " entries, expected "
                        + win.rank);
            }
            Window.put(p, OUTPUT_PAD, outputPadding);
        }
        p.put(Convolution.BIAS_TERM, node.input(2) == null ? 0 : 1);
        p.put(Convolution.WEIGHT_DATA_SIZE, Math.toIntExact(ws.numel()));
        if (group != 1) {
            p.put(ConvolutionDepthWise.GROUP, group);
        }
        if (dynamic) {
            // ncnn reads the [in, out, kh, kw] blob as it is, ONNX's layout
            p.put(Deconvolution.DYNAMIC_WEIGHT, 1);
            return;
        }
        l.weights.add(new Weight(w.name() + "+ncnn_order", toNcnnOrder(weight, group), true));
        if (bias != null) {
            l.weights.add(new Weight(node.input(2).name(), bias, false));
        }
    }

    /**
     * The spatial output size ncnn must crop to, or null when explicit pads say it all. ONNX
     * allows output_shape with or without the batch and channel axes.
     */
    private static long[] outputSize(Node node, Window win, Value x) {
        long[] os = node.getInts("output_shape");
        if (os != null) {
            if (os.length == win.rank + 2) {
                os = java.util.Arrays.copyOfRange(os, 2, os.length);
            }
            if (os.length != win.rank) {
                throw new Emitter.Unsupported("output_shape has " + os.length + " entries, expected " + win.rank);
            }
            return os;
        }
        if (!win.isSame()) {
            return null;
        }
        int[] in = Window.spatialDims(x, win.rank);
        long[] out = new long[win.rank];
        for (int i = 0; i < win.rank; i++) {
            if (in[i] == Shape.UNKNOWN) {
                throw new Emitter.Unsupported(win.autoPad + " needs the spatial size of '" + x.name()
                        + "', which is unknown; give inputshape=");
            }
            out[i] = in[i] * win.strides[i];
        }
        return out;
    }

    /** [Cin, Cout/g, k...] with Cin = g * Cin/g → [g * Cout/g, Cin/g, k...] as ncnn reads it. */
    static Tensor toNcnnOrder(Tensor weight, int group) {
        int[] d = weight.shape().dims();
        int inG = d[0] / group;
        int outG = d[1];
        int maxk = Math.toIntExact(weight.numel() / ((long) d[0] * d[1]));
        int[] nd = d.clone();
        nd[0] = group * outG;
        nd[1] = inG;
        return Tensor.computedFloats(Shape.of(nd), () -> {
            float[] src = weight.toFloats();
            float[] dst = new float[src.length];
            for (int g = 0; g < group; g++) {
                for (int o = 0; o < outG; o++) {
                    for (int i = 0; i < inG; i++) {
                        int from = ((g * inG + i) * outG + o) * maxk;
                        int to = ((g * outG + o) * inG + i) * maxk;
                        System.arraycopy(src, from, dst, to, maxk);
                    }
                }
            }
            return dst;
        });
    }

    /** The layer for a window of {@code rank} spatial axes; grouped ones are the DepthWise form. */
    private static String type(int rank, boolean grouped) {
        return (grouped ? DeconvolutionDepthWise.TYPE : Deconvolution.TYPE) + Window.suffix(rank);
    }
}

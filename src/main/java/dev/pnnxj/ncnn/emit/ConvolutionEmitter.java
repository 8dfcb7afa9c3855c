package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise;
import java.util.List;
import java.util.Set;

/**
 * ONNX Conv → ncnn Convolution1D / Convolution / Convolution3D by spatial rank, or the
 * ConvolutionDepthWise variant (group) when group > 1, which ncnn runs for any group
 * count. ONNX's weight layout [Cout, Cin/group, k...] is already ncnn's, so the weight is written
 * as is. SAME auto_pad becomes ncnn's -233/-234 marker pads so the param file stays valid for
 * other input sizes. A weight that is data (F.conv2d(x, w) with w an input) becomes a second
 * bottom with dynamic_weight=1, see {@link DynamicWeight}.
 */
public final class ConvolutionEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Window.everyRank(r -> type(r, false), r -> type(r, true));
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        Value w = node.input(1);
        int group = Math.toIntExact(node.getInt("group", 1));
        if (!w.isConstant()) {
            DynamicWeight.require(ctx, node, group, "the convolution weight");
            Window win = Window.ofWeight(ctx, node, w.shape(), x);
            NcnnLayer l = ctx.add(Convolution.TYPE, node, DynamicWeight.bottoms(node), List.of(node.output(0)));
            putParams(l.params, win, x, w.shape().dim(0), node.input(2) != null, w.shape().numel(), group);
            l.params.put(Convolution.DYNAMIC_WEIGHT, 1);
            return;
        }
        Tensor weight = ctx.requireConstant(node, 1, "the convolution weight");
        Window win = Window.ofWeight(ctx, node, weight.shape(), x);
        Tensor bias = node.input(2) == null ? null : ctx.requireConstant(node, 2, "the convolution bias");

        NcnnLayer l = ctx.add(type(win.rank, group != 1), node, List.of(x), List.of(node.output(0)));
        putParams(l.params, win, x, weight.shape().dim(0), bias != null, weight.numel(), group);
        l.weights.add(new Weight(w.name(), weight, true));
        if (bias != null) {
            l.weights.add(new Weight(node.input(2).name(), bias, false));
        }
    }

    private static void putParams(ParamDict p, Window win, Value x, int outputs, boolean bias, long weights, int group) {
        p.put(Convolution.NUM_OUTPUT, outputs);
        win.putConvWindow(p);
        putPads(p, win, x);
        p.put(Convolution.BIAS_TERM, bias ? 1 : 0);
        p.put(Convolution.WEIGHT_DATA_SIZE, Math.toIntExact(weights));
        if (group != 1) {
            p.put(ConvolutionDepthWise.GROUP, group);
        }
    }

    private static void putPads(ParamDict p, Window win, Value x) {
        if (win.isSame() && win.ncnnResolvesSame()) {
            int mark = win.autoPad == Window.AutoPad.SAME_UPPER ? Convolution.PAD_SAME_UPPER : Convolution.PAD_SAME_LOWER;
            Window.fill(p, Window.CONV_PAD_BEGIN, win.rank, mark);
            Window.fill(p, Window.CONV_PAD_END, win.rank, mark);
            return;
        }
        long[][] pads = win.explicitPads(x);
        Window.put(p, Window.CONV_PAD_BEGIN, pads[0]);
        Window.put(p, Window.CONV_PAD_END, pads[1]);
    }

    /** The layer for a window of {@code rank} spatial axes; grouped ones are the DepthWise form. */
    private static String type(int rank, boolean grouped) {
        return (grouped ? ConvolutionDepthWise.TYPE : Convolution.TYPE) + Window.suffix(rank);
    }
}

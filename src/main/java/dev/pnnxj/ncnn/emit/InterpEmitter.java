package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Interp;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX Resize over the last one or two axes → ncnn Interp (0=resize_type 1=nearest 2=bilinear
 * 3=bicubic, 3=output_height 4=output_width, or 1=height_scale 2=width_scale, 6=align_corner).
 *
 * <p>ncnn maps output x to input x' as follows: nearest takes floor(x * in/out) (or floor(x /
 * scale) with scale params); bilinear and bicubic use half-pixel centres (x+0.5)*in/out-0.5
 * clamped to the edge, or x*(in-1)/(out-1) with align_corner, and bicubic uses a = -0.75. ONNX
 * modes that compute the same coordinates are accepted, everything else is refused:
 * <ul>
 *   <li>nearest: asymmetric + floor; or half_pixel / pytorch_half_pixel + round_prefer_* for
 *       whole-number upscales, where both pick the same pixel;
 *   <li>linear / cubic: align_corners; or half_pixel / pytorch_half_pixel when the scale is
 *       exactly out/in (ncnn always derives it from the sizes).
 * </ul>
 * The output size is written explicitly from the inferred output shape; only nearest with a
 * scale that is not out/in keeps the scale params, because there the given scale decides the
 * coordinates.
 */
public final class InterpEmitter implements Emitter {
    private static final Set<String> HALF_PIXEL = Set.of("half_pixel", "pytorch_half_pixel");

    @Override
    public Set<String> layerTypes() {
        return Set.of(Interp.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        Value out = node.output(0);
        int[] inDims = ctx.dims(in);
        int[] outDims = ctx.dims(out);
        if (inDims.length != 2 && inDims.length != 3 || outDims.length != inDims.length) {
            throw new Unsupported("ncnn Interp resizes the last one or two axes of a 2-D or 3-D blob");
        }
        if (inDims[0] != outDims[0]) {
            throw new Unsupported("resizes the channel axis; ncnn Interp only resizes spatial axes");
        }
        if (!Reshapes.isKnown(inDims) || !Reshapes.isKnown(outDims)) {
            throw new Unsupported("resize sizes must be static; give inputshape=");
        }
        if (Arrays.equals(inDims, outDims)) {
            ctx.alias(out, in);
            return;
        }
        // the resized axes follow the channel axis: (h, w) of a 3-D blob, (w) of a 2-D one
        int spatial = inDims.length - 1;
        float[] scales = givenScales(node, ctx, in.shape().rank());
        boolean exactScales = true;
        boolean wholeUpscale = true;
        for (int i = 1; i <= spatial; i++) {
            if (scales != null) {
                exactScales &= (double) scales[scales.length - 1 - spatial + i] * inDims[i] == outDims[i];
            }
            wholeUpscale &= outDims[i] % inDims[i] == 0;
        }
        Sampling sampling = sampling(node, outDims, exactScales, wholeUpscale);
        ParamDict p = ctx.unary(Interp.TYPE, node).params;
        p.put(Interp.RESIZE_TYPE, sampling.resizeType());
        if (sampling.useScales()) {
            if (spatial == 2) {
                p.put(Interp.HEIGHT_SCALE, scales[scales.length - 2]);
            }
            p.put(Interp.WIDTH_SCALE, scales[scales.length - 1]);
        } else {
            // a 2-D blob only uses the width, but ncnn takes the sizes only when both are non-zero
            p.put(Interp.OUTPUT_HEIGHT, spatial == 2 ? outDims[1] : 1);
            p.put(Interp.OUTPUT_WIDTH, outDims[outDims.length - 1]);
        }
        if (sampling.alignCorner()) {
            p.put(Interp.ALIGN_CORNER, 1);
        }
    }

    /** How ncnn must sample to match the node: resize type, align_corner, and scale rather than size params. */
    private record Sampling(int resizeType, boolean alignCorner, boolean useScales) {
    }

    private static Sampling sampling(Node node, int[] outDims, boolean exactScales, boolean wholeUpscale) {
        String mode = node.getString("mode", "nearest");
        String ctm = node.getString("coordinate_transformation_mode", "half_pixel");
        if (mode.equals("nearest")) {
            String nearestMode = node.getString("nearest_mode", "round_prefer_floor");
            if (ctm.equals("asymmetric") && nearestMode.equals("floor")) {
                return new Sampling(1, false, !exactScales);
            }
            if (HALF_PIXEL.contains(ctm) && nearestMode.startsWith("round_prefer_") && exactScales && wholeUpscale) {
                return new Sampling(1, false, false);
            }
            throw new Unsupported("nearest with " + ctm + " / " + nearestMode
                    + " picks other pixels than ncnn's floor(x * in / out)");
        }
        if (!mode.equals("linear") && !mode.equals("cubic")) {
            throw new Unsupported("resize mode '" + mode + "' has no ncnn Interp type");
        }
        if (mode.equals("cubic") && (node.getFloat("cubic_coeff_a", -0.75f) != -0.75f
                || node.getInt("exclude_outside", 0) != 0)) {
            throw new Unsupported("ncnn bicubic uses cubic_coeff_a=-0.75 without exclude_outside");
        }
        if (node.getInt("antialias", 0) != 0) {
            throw new Unsupported("antialiased resize has no ncnn counterpart");
        }
        boolean toSizeOne = Arrays.stream(outDims, 1, outDims.length).anyMatch(d -> d == 1);
        int resizeType = mode.equals("linear") ? 2 : 3;
        if (ctm.equals("align_corners")) {
            if (toSizeOne) {
                throw new Unsupported("align_corners resize to size 1 divides by zero in ncnn");
            }
            return new Sampling(resizeType, true, false);
        }
        if (!HALF_PIXEL.contains(ctm)) {
            throw new Unsupported(mode + " with " + ctm + " differs from ncnn's half-pixel or align_corner sampling");
        }
        if (!exactScales) {
            throw new Unsupported(mode + " with " + ctm
                    + " and scale != out/in differs from ncnn's half-pixel or align_corner sampling");
        }
        if (ctm.equals("pytorch_half_pixel") && toSizeOne) {
            throw new Unsupported("pytorch_half_pixel samples x=0 for a size-1 result, ncnn the centre");
        }
        return new Sampling(resizeType, false, false);
    }

    /** The scales input per IR axis (or per listed axis), or null when sizes were given. */
    private static float[] givenScales(Node node, Lowering ctx, int rank) {
        Value v = node.input(2);
        if (v == null || v.isConstant() && v.constant().numel() == 0) {
            return null;
        }
        Tensor t = ctx.requireConstant(node, 2, "scales");
        float[] scales = t.toFloats();
        long[] axes = node.getInts("axes");
        if (axes == null) {
            return scales;
        }
        float[] perAxis = new float[rank];
        Arrays.fill(perAxis, 1f);
        for (int i = 0; i < axes.length; i++) {
            perAxis[node.input(0).shape().axis(axes[i])] = scales[i];
        }
        return perAxis;
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.WindowShapes;
import java.util.Arrays;
import java.util.List;

/**
 * Conv of a constant input by constant weights, 2-D with explicit pads (any strides, dilations,
 * groups), of float32 data: RAFT convolves its all-zero initial flow. Other forms, and convolutions
 * too large to compute while converting, are left to lowering.
 */
final class ConvKernel {
    /** Multiply-adds allowed at conversion time (a few milliseconds' work). */
    private static final long MAX_WORK = 50_000_000L;

    private ConvKernel() {
    }

    static List<Tensor> conv(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Tensor w = in.get(1);
        Tensor b = in.size() > 2 ? in.get(2) : null;
        if (x.shape().rank() != 4 || w.shape().rank() != 4 || !n.getString("auto_pad", "NOTSET").equals("NOTSET")
                || x.dtype() != DType.FLOAT32) {
            return null;
        }
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        int group = (int) n.getInt("group", 1);
        int outC = wd[0];
        int inPer = wd[1];
        if (inPer * group != xd[1] || outC % group != 0) {
            throw new IllegalArgumentException("Conv weight " + w.shape() + " does not fit input " + x.shape()
                    + " in " + group + " groups");
        }
        Shape out = WindowShapes.forward(n, x.shape(), outC, new int[] {wd[2], wd[3]}, false);
        int oh = out.dim(2);
        int ow = out.dim(3);
        if ((long) out.numel() * inPer * wd[2] * wd[3] > MAX_WORK) {
            return null;
        }
        long[] s = ints(n, "strides", 2);
        long[] d = ints(n, "dilations", 2);
        long[] p = n.has("pads") ? n.getInts("pads") : new long[4];
        float[] xv = x.toFloats();
        float[] wv = w.toFloats();
        float[] bv = b == null ? null : b.toFloats();
        float[] y = new float[Math.toIntExact(out.numel())];
        int outPer = outC / group;
        for (int batch = 0; batch < xd[0]; batch++) {
            for (int oc = 0; oc < outC; oc++) {
                int g = oc / outPer;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double acc = bv == null ? 0 : bv[oc];
                        for (int ic = 0; ic < inPer; ic++) {
                            int xc = g * inPer + ic;
                            for (int ky = 0; ky < wd[2]; ky++) {
                                long iy = oy * s[0] - p[0] + ky * d[0];
                                if (iy < 0 || iy >= xd[2]) {
                                    continue;
                                }
                                for (int kx = 0; kx < wd[3]; kx++) {
                                    long ix = ox * s[1] - p[1] + kx * d[1];
                                    if (ix >= 0 && ix < xd[3]) {
                                        acc += (double) xv[((batch * xd[1] + xc) * xd[2] + (int) iy) * xd[3] + (int) ix]
                                                * wv[((oc * inPer + ic) * wd[2] + ky) * wd[3] + kx];
                                    }
                                }
                            }
                        }
                        y[((batch * outC + oc) * oh + oy) * ow + ox] = (float) acc;
                    }
                }
            }
        }
        return List.of(Tensor.ofFloats(out, y));
    }

    private static long[] ints(Node n, String attr, int k) {
        if (n.has(attr)) {
            return n.getInts(attr);
        }
        long[] ones = new long[k];
        Arrays.fill(ones, 1);
        return ones;
    }
}

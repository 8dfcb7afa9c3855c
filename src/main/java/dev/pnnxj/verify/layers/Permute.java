package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Permute.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Permute: param 0 order_type indexes ncnn's table of axis orders, each naming the input
 * axis that becomes the output's w, h, (d,) c in that order, e.g. 3-D order 3 = "c w h": out w =
 * in c, out h = in w, out c = in h. A 1-D input passes through.
 */
final class Permute extends SingleInputLayer {
    private static final String[] ORDERS_2D = {"wh", "hw"};
    private static final String[] ORDERS_3D = {"whc", "hwc", "wch", "cwh", "hcw", "chw"};
    private static final String[] ORDERS_4D = {"whdc", "hwdc", "wdhc", "dwhc", "hdwc", "dhwc", "whcd", "hwcd", "wchd",
        "cwhd", "hcwd", "chwd", "wdch", "dwch", "wcdh", "cwdh", "dcwh", "cdwh", "hdcw", "dhcw", "hcdw", "chdw", "dchw",
        "cdhw"};

    private int orderType;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        orderType = p.getInt(ORDER_TYPE, 0);
    }

    @Override
    Mat forward(Mat in) {
        if (in.dims() == 1) {
            return in;
        }
        String[] table = in.dims() == 2 ? ORDERS_2D : in.dims() == 3 ? ORDERS_3D : ORDERS_4D;
        if (orderType < 0 || orderType >= table.length) {
            throw new IllegalArgumentException("order_type " + orderType + " is not defined for a " + in.dims()
                    + "-D input");
        }
        String inner = table[orderType];
        // input axis names, outermost first, match Mat.shape()
        String axes = in.dims() == 2 ? "hw" : in.dims() == 3 ? "chw" : "cdhw";
        int n = in.dims();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = axes.indexOf(inner.charAt(n - 1 - i));
        }
        return transpose(in, perm);
    }

    /** The Mat whose axis i is {@code in}'s axis perm[i] (axes outermost first). */
    static Mat transpose(Mat in, int[] perm) {
        int n = in.dims();
        int[] shape = in.shape();
        int[] outShape = new int[n];
        int[] inStride = new int[n];
        int step = 1;
        for (int i = n - 1; i >= 0; i--) {
            inStride[i] = step;
            step *= shape[i];
        }
        int[] stride = new int[n];
        for (int i = 0; i < n; i++) {
            outShape[i] = shape[perm[i]];
            stride[i] = inStride[perm[i]];
        }
        float[] src = in.data();
        float[] out = new float[src.length];
        int[] idx = new int[n];
        int offset = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = src[offset];
            for (int a = n - 1; a >= 0; a--) {
                offset += stride[a];
                if (++idx[a] < outShape[a]) {
                    break;
                }
                offset -= stride[a] * outShape[a];
                idx[a] = 0;
            }
        }
        return Mat.of(outShape, out);
    }
}

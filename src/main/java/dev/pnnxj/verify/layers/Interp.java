package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Interp.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's Interp: param 0 resize_type (1 nearest, 2 bilinear, 3 bicubic with A = -0.75), 1/2
 * height/width scale, 3/4 output height/width (used when both are set), 5 dynamic_target_size
 * (size from the second input's w and h), 6 align_corner. A 3-D input resizes h and w; a 2-D input
 * resizes only w; a 1-D input becomes [c=w, outh, outw] with each value repeated. Nearest maps
 * output x to min(int(x * s), w - 1) with s = w/outw when output_width is set and 1/width_scale
 * otherwise, as ncnn does (including in dynamic mode). Interpolation is separable, rows first.
 */
final class Interp implements Layer {
    private int type;
    private float heightScale;
    private float widthScale;
    private int outputHeight;
    private int outputWidth;
    private boolean dynamic;
    private boolean alignCorner;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        type = p.getInt(RESIZE_TYPE, 0);
        heightScale = p.getFloat(HEIGHT_SCALE, 1f);
        widthScale = p.getFloat(WIDTH_SCALE, 1f);
        outputHeight = p.getInt(OUTPUT_HEIGHT, 0);
        outputWidth = p.getInt(OUTPUT_WIDTH, 0);
        dynamic = p.getInt(DYNAMIC_TARGET_SIZE, 0) != 0;
        alignCorner = p.getInt(ALIGN_CORNER, 0) != 0;
        if (type < 1 || type > 3) {
            throw new IllegalArgumentException("unsupported resize_type " + type);
        }
        if (p.has(SIZE_EXPR)) {
            throw new IllegalArgumentException("Interp size expressions (param 9) are not supported");
        }
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        int w = in.dims() == 1 ? 1 : in.w();
        int h = in.dims() == 1 ? 1 : in.h();
        int outW;
        int outH;
        if (dynamic) {
            if (inputs.size() != 2) {
                throw new IllegalArgumentException("dynamic_target_size=1 expects 2 inputs, got " + inputs.size());
            }
            outW = inputs.get(1).w();
            outH = inputs.get(1).h();
        } else if (outputWidth != 0 && outputHeight != 0) {
            outW = outputWidth;
            outH = outputHeight;
        } else {
            outW = (int) (w * widthScale);
            outH = (int) (h * heightScale);
        }
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size " + outH + "x" + outW + " is empty");
        }
        float[] x = in.data();
        switch (in.dims()) {
            case 1: {
                float[] out = new float[x.length * outH * outW];
                for (int q = 0; q < x.length; q++) {
                    java.util.Arrays.fill(out, q * outH * outW, (q + 1) * outH * outW, x[q]);
                }
                return List.of(Mat.of(new int[]{x.length, outH, outW}, out));
            }
            case 2:
                if (outW == w) {
                    return List.of(in);
                }
                return List.of(Mat.of(new int[]{h, outW}, resize(x, 1, h, w, h, outW, false)));
            case 3:
                if (outW == w && outH == h) {
                    return List.of(in);
                }
                return List.of(Mat.of(new int[]{in.c(), outH, outW}, resize(x, in.c(), h, w, outH, outW, true)));
            default:
                throw new IllegalArgumentException("Interp does not handle 4-D input " + in.shapeString());
        }
    }

    private float[] resize(float[] x, int planes, int h, int w, int outH, int outW, boolean vertical) {
        Taps tx = taps(w, outW, outputWidth != 0, widthScale);
        Taps ty = vertical ? taps(h, outH, outputHeight != 0, heightScale) : null;
        float[] out = new float[planes * outH * outW];
        float[] rows = new float[h * outW];
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < h; y++) {
                for (int ox = 0; ox < outW; ox++) {
                    rows[y * outW + ox] = tx.apply(x, q * h * w + y * w, 1, w, ox);
                }
            }
            if (ty == null) {
                System.arraycopy(rows, 0, out, q * h * outW, h * outW);
                continue;
            }
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    out[(q * outH + oy) * outW + ox] = ty.apply(rows, ox, outW, h, oy);
                }
            }
        }
        return out;
    }

    /** For each output position, the first source index and the weights of consecutive sources. */
    private record Taps(int[] first, float[][] weights) {
        float apply(float[] src, int base, int stride, int n, int o) {
            float sum = 0f;
            float[] wt = weights[o];
            for (int t = 0; t < wt.length; t++) {
                int i = Math.max(0, Math.min(n - 1, first[o] + t));
                sum += src[base + i * stride] * wt[t];
            }
            return sum;
        }
    }

    private Taps taps(int n, int outN, boolean sizeGiven, float scaleParam) {
        int[] first = new int[outN];
        float[][] weights = new float[outN][];
        double scale = alignCorner ? (double) (n - 1) / (outN - 1) : (double) n / outN;
        for (int o = 0; o < outN; o++) {
            if (type == 1) {
                float s = sizeGiven ? n / (float) outN : 1f / scaleParam;
                first[o] = Math.min((int) (o * s), n - 1);
                weights[o] = new float[]{1f};
                continue;
            }
            float f = alignCorner ? (float) (o * scale) : (float) ((o + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (type == 2) {
                if (s < 0) {
                    s = 0;
                    f = 0f;
                }
                if (s >= n - 1) {
                    s = n - 2;
                    f = 1f;
                }
                first[o] = s;
                weights[o] = new float[]{1f - f, f};
            } else {
                first[o] = cubic(f, s, n, weights, o) - 1;
            }
        }
        return new Taps(first, weights);
    }

    /** ncnn's cubic_coeffs for one position: folds taps that fall off either edge; returns sx. */
    private static int cubic(float fx, int sx, int n, float[][] weights, int o) {
        final float a = -0.75f;
        float fx0 = fx + 1;
        float fx2 = 1 - fx;
        float[] c = new float[4];
        c[0] = a * fx0 * fx0 * fx0 - 5 * a * fx0 * fx0 + 8 * a * fx0 - 4 * a;
        c[1] = (a + 2) * fx * fx * fx - (a + 3) * fx * fx + 1;
        c[2] = (a + 2) * fx2 * fx2 * fx2 - (a + 3) * fx2 * fx2 + 1;
        c[3] = 1.f - c[0] - c[1] - c[2];
        if (sx <= -1) {
            sx = 1;
            c = new float[]{1.f - c[3], c[3], 0f, 0f};
        }
        if (sx == 0) {
            sx = 1;
            c = new float[]{c[0] + c[1], c[2], c[3], 0f};
        }
        if (sx == n - 2) {
            sx = n - 3;
            c = new float[]{0f, c[0], c[1], c[2] + c[3]};
        }
        if (sx >= n - 1) {
            sx = n - 3;
            c = new float[]{0f, 0f, c[0], 1.f - c[0]};
        }
        weights[o] = c;
        return sx;
    }
}

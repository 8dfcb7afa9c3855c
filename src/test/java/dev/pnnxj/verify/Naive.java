package dev.pnnxj.verify;

/** Direct, loop-per-definition formulas the layer tests compare against. */
final class Naive {
    private Naive() {
    }

    /** Geometry of a 2-D (de)convolution; pads are top, bottom, left, right. */
    record Conv(int inC, int h, int w, int outC, int group, int kh, int kw, int sh, int sw, int dh, int dw,
                int pt, int pb, int pl, int pr) {
        int outH() {
            return (h + pt + pb - (dh * (kh - 1) + 1)) / sh + 1;
        }

        int outW() {
            return (w + pl + pr - (dw * (kw - 1) + 1)) / sw + 1;
        }

        int weightCount() {
            return outC * (inC / group) * kh * kw;
        }
    }

    /** out[p][y][x] = bias[p] + sum over the group's inputs and taps, out-of-range reads = padValue. */
    static float[] conv(Conv g, float[] in, float[] wt, float[] bias, float padValue) {
        int inG = g.inC / g.group;
        int outG = g.outC / g.group;
        int oh = g.outH();
        int ow = g.outW();
        float[] out = new float[g.outC * oh * ow];
        for (int p = 0; p < g.outC; p++) {
            int grp = p / outG;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double sum = bias == null ? 0 : bias[p];
                    for (int q = 0; q < inG; q++) {
                        int ic = grp * inG + q;
                        for (int ky = 0; ky < g.kh; ky++) {
                            for (int kx = 0; kx < g.kw; kx++) {
                                int iy = y * g.sh + ky * g.dh - g.pt;
                                int ix = x * g.sw + kx * g.dw - g.pl;
                                float v = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w ? in[(ic * g.h + iy) * g.w + ix]
                                        : padValue;
                                sum += v * wt[((p * inG + q) * g.kh + ky) * g.kw + kx];
                            }
                        }
                    }
                    out[(p * oh + y) * ow + x] = (float) sum;
                }
            }
        }
        return out;
    }

    /**
     * Transposed convolution: out[p][y][x] = bias + sum of in[q][iy][ix] * w[p][q][ky][kx] over
     * y + pt = iy*sh + ky*dh, x + pl = ix*sw + kx*dw; output (h-1)*sh + extent + outPadH - pt - pb.
     */
    static float[] deconv(Conv g, float[] in, float[] wt, float[] bias, int outPadH, int outPadW) {
        int inG = g.inC / g.group;
        int outG = g.outC / g.group;
        int oh = (g.h - 1) * g.sh + g.dh * (g.kh - 1) + 1 + outPadH - g.pt - g.pb;
        int ow = (g.w - 1) * g.sw + g.dw * (g.kw - 1) + 1 + outPadW - g.pl - g.pr;
        double[] acc = new double[g.outC * oh * ow];
        for (int p = 0; p < g.outC; p++) {
            int grp = p / outG;
            for (int i = 0; i < oh * ow; i++) {
                acc[p * oh * ow + i] = bias == null ? 0 : bias[p];
            }
            for (int q = 0; q < inG; q++) {
                int ic = grp * inG + q;
                for (int iy = 0; iy < g.h; iy++) {
                    for (int ix = 0; ix < g.w; ix++) {
                        for (int ky = 0; ky < g.kh; ky++) {
                            for (int kx = 0; kx < g.kw; kx++) {
                                int y = iy * g.sh + ky * g.dh - g.pt;
                                int x = ix * g.sw + kx * g.dw - g.pl;
                                if (y >= 0 && y < oh && x >= 0 && x < ow) {
                                    acc[(p * oh + y) * ow + x] += in[(ic * g.h + iy) * g.w + ix]
                                            * wt[((p * inG + q) * g.kh + ky) * g.kw + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (float) acc[i];
        }
        return out;
    }

    static float[] map(float[] x, java.util.function.DoubleUnaryOperator f) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) f.applyAsDouble(x[i]);
        }
        return y;
    }
}

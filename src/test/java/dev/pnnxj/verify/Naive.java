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

    /**
     * Geometry of a 3-D window over [inC][d][h][w]; every array runs d, h, w. {@code padEnd}
     * of a transposed convolution is what is cut from its end, {@code outPad} what it adds.
     */
    record Vol(int inC, int[] in, int outC, int group, int[] k, int[] s, int[] dil, int[] padBegin, int[] padEnd,
               int[] outPad) {
        Vol(int inC, int[] in, int outC, int group, int[] k, int[] s, int[] dil, int[] padBegin, int[] padEnd) {
            this(inC, in, outC, group, k, s, dil, padBegin, padEnd, new int[3]);
        }

        int out(int a) {
            return (in[a] + padBegin[a] + padEnd[a] - (dil[a] * (k[a] - 1) + 1)) / s[a] + 1;
        }

        int deconvOut(int a) {
            return (in[a] - 1) * s[a] + dil[a] * (k[a] - 1) + 1 + outPad[a] - padBegin[a] - padEnd[a];
        }

        int[] outShape() {
            return new int[]{outC, out(0), out(1), out(2)};
        }

        int[] deconvShape() {
            return new int[]{outC, deconvOut(0), deconvOut(1), deconvOut(2)};
        }

        int weightCount() {
            return outC * (inC / group) * k[0] * k[1] * k[2];
        }

        int at(int c, int z, int y, int x) {
            return ((c * in[0] + z) * in[1] + y) * in[2] + x;
        }

        int tap(int p, int q, int kz, int ky, int kx) {
            return (((p * (inC / group) + q) * k[0] + kz) * k[1] + ky) * k[2] + kx;
        }

        boolean inside(int z, int y, int x) {
            return z >= 0 && z < in[0] && y >= 0 && y < in[1] && x >= 0 && x < in[2];
        }
    }

    /** out[p][z][y][x] = bias[p] + sum over the group's inputs and taps, out-of-range reads = padValue. */
    static float[] conv3(Vol g, float[] in, float[] wt, float[] bias, float padValue) {
        int inG = g.inC / g.group;
        int outG = g.outC / g.group;
        int od = g.out(0);
        int oh = g.out(1);
        int ow = g.out(2);
        float[] out = new float[g.outC * od * oh * ow];
        int o = 0;
        for (int p = 0; p < g.outC; p++) {
            for (int z = 0; z < od; z++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double sum = bias == null ? 0 : bias[p];
                        for (int q = 0; q < inG; q++) {
                            int ic = p / outG * inG + q;
                            for (int kz = 0; kz < g.k[0]; kz++) {
                                for (int ky = 0; ky < g.k[1]; ky++) {
                                    for (int kx = 0; kx < g.k[2]; kx++) {
                                        int iz = z * g.s[0] + kz * g.dil[0] - g.padBegin[0];
                                        int iy = y * g.s[1] + ky * g.dil[1] - g.padBegin[1];
                                        int ix = x * g.s[2] + kx * g.dil[2] - g.padBegin[2];
                                        float v = g.inside(iz, iy, ix) ? in[g.at(ic, iz, iy, ix)] : padValue;
                                        sum += v * wt[g.tap(p, q, kz, ky, kx)];
                                    }
                                }
                            }
                        }
                        out[o++] = (float) sum;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Transposed 3-D convolution: each in[q][iz][iy][ix] * w[p][q][kz][ky][kx] lands at
     * iz*sd + kz*dd - padBegin (and likewise for h, w) when that is inside the output.
     */
    static float[] deconv3(Vol g, float[] in, float[] wt, float[] bias) {
        int inG = g.inC / g.group;
        int outG = g.outC / g.group;
        int[] os = g.deconvShape();
        double[] acc = new double[g.outC * os[1] * os[2] * os[3]];
        for (int p = 0; p < g.outC; p++) {
            for (int i = 0; i < os[1] * os[2] * os[3]; i++) {
                acc[p * os[1] * os[2] * os[3] + i] = bias == null ? 0 : bias[p];
            }
            for (int q = 0; q < inG; q++) {
                int ic = p / outG * inG + q;
                for (int iz = 0; iz < g.in[0]; iz++) {
                    for (int iy = 0; iy < g.in[1]; iy++) {
                        for (int ix = 0; ix < g.in[2]; ix++) {
                            for (int kz = 0; kz < g.k[0]; kz++) {
                                for (int ky = 0; ky < g.k[1]; ky++) {
                                    for (int kx = 0; kx < g.k[2]; kx++) {
                                        int z = iz * g.s[0] + kz * g.dil[0] - g.padBegin[0];
                                        int y = iy * g.s[1] + ky * g.dil[1] - g.padBegin[1];
                                        int x = ix * g.s[2] + kx * g.dil[2] - g.padBegin[2];
                                        if (z >= 0 && z < os[1] && y >= 0 && y < os[2] && x >= 0 && x < os[3]) {
                                            acc[((p * os[1] + z) * os[2] + y) * os[3] + x] += in[g.at(ic, iz, iy, ix)]
                                                    * wt[g.tap(p, q, kz, ky, kx)];
                                        }
                                    }
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

    /**
     * 3-D max or average pooling of windows starting at o*s - padBegin, {@code outShape} of them
     * per axis; cells outside the input are skipped, and averages divide by the kernel volume
     * when {@code countIncludePad}, else by the cells inside the input.
     */
    static float[] pool3(Vol g, float[] in, int[] outShape, boolean max, boolean countIncludePad) {
        float[] out = new float[g.inC * outShape[0] * outShape[1] * outShape[2]];
        int o = 0;
        for (int c = 0; c < g.inC; c++) {
            for (int z = 0; z < outShape[0]; z++) {
                for (int y = 0; y < outShape[1]; y++) {
                    for (int x = 0; x < outShape[2]; x++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int n = 0;
                        for (int kz = 0; kz < g.k[0]; kz++) {
                            for (int ky = 0; ky < g.k[1]; ky++) {
                                for (int kx = 0; kx < g.k[2]; kx++) {
                                    int iz = z * g.s[0] + kz - g.padBegin[0];
                                    int iy = y * g.s[1] + ky - g.padBegin[1];
                                    int ix = x * g.s[2] + kx - g.padBegin[2];
                                    if (g.inside(iz, iy, ix)) {
                                        float v = in[g.at(c, iz, iy, ix)];
                                        acc = max ? Math.max(acc, v) : acc + v;
                                        n++;
                                    }
                                }
                            }
                        }
                        out[o++] = (float) (max ? acc : acc / (countIncludePad ? g.k[0] * g.k[1] * g.k[2] : n));
                    }
                }
            }
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

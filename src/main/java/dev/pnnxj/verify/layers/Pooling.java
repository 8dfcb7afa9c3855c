package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.stream.IntStream;

/**
 * ncnn's Pooling (3-D input, planes = channels) and Pooling1D (2-D input, planes = rows, kernel
 * height 1). Param 0 pooling_type (0 max, 1 avg), kernel/stride/pads as in ncnn, 4
 * global_pooling, 5 pad_mode (0 full: extra tail padding so the last window fits; 1 valid: the
 * explicit pads only; 2 SAME_UPPER; 3 SAME_LOWER), 6 avgpool_count_include_pad, 7
 * adaptive_pooling with 8/18 out_w/out_h (-233 keeps the input size).
 *
 * <p>Averages that exclude padding count window cells inside the explicit pads (and the full-mode
 * tail), which is what ncnn does: under pad_mode 2/3 the SAME border is counted as data.
 */
final class Pooling extends SingleInputLayer {
    private final boolean oneD;
    private boolean max;
    private int kernelW;
    private int kernelH;
    private int strideW;
    private int strideH;
    private int padLeft;
    private int padRight;
    private int padTop;
    private int padBottom;
    private boolean global;
    private int padMode;
    private boolean countIncludePad;
    private boolean adaptive;
    private int outW;
    private int outH;

    Pooling(boolean oneD) {
        this.oneD = oneD;
    }

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        int type = p.getInt(0, 0);
        if (type != 0 && type != 1) {
            throw new IllegalArgumentException("unknown pooling_type " + type);
        }
        max = type == 0;
        kernelW = p.getInt(1, 0);
        strideW = p.getInt(2, 1);
        padLeft = p.getInt(3, 0);
        padRight = p.getInt(14, padLeft);
        kernelH = oneD ? 1 : p.getInt(11, kernelW);
        strideH = oneD ? 1 : p.getInt(12, strideW);
        padTop = oneD ? 0 : p.getInt(13, padLeft);
        padBottom = oneD ? 0 : p.getInt(15, padTop);
        global = p.getInt(4, 0) != 0;
        padMode = p.getInt(5, 0);
        countIncludePad = p.getInt(6, 0) != 0;
        adaptive = p.getInt(7, 0) != 0;
        outW = p.getInt(8, 0);
        outH = oneD ? 1 : p.getInt(18, outW);
        if (!global && !adaptive && (kernelW <= 0 || kernelH <= 0 || strideW <= 0 || strideH <= 0)) {
            throw new IllegalArgumentException("kernel and stride must be positive");
        }
        if (padMode < 0 || padMode > 3) {
            throw new IllegalArgumentException("unknown pad_mode " + padMode);
        }
    }

    @Override
    Mat forward(Mat input) {
        Convolution.requireDims(input, oneD ? 2 : 3);
        int planes = input.extent(0);
        int h = oneD ? 1 : input.h();
        int w = input.w();
        float[] in = input.data();
        if (global) {
            float[] out = new float[planes];
            int size = h * w;
            for (int q = 0; q < planes; q++) {
                float acc = max ? in[q * size] : 0f;
                for (int i = 0; i < size; i++) {
                    acc = max ? Math.max(acc, in[q * size + i]) : acc + in[q * size + i];
                }
                out[q] = max ? acc : acc / size;
            }
            return Mat.vector(out);
        }
        if (adaptive) {
            return adaptive(input, planes, h, w);
        }
        int[] pad = padding(h, w);
        float[] padded = Border.pad(in, planes, h, w, pad[0], pad[1], pad[2], pad[3], Border.CONSTANT,
                max ? -Float.MAX_VALUE : 0f);
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        if (ph < kernelH || pw < kernelW) {
            throw new IllegalArgumentException("padded input " + ph + "x" + pw + " is smaller than the kernel");
        }
        int oh = (ph - kernelH) / strideH + 1;
        int ow = (pw - kernelW) / strideW + 1;
        // the window cells counted by an average that excludes padding
        int tailH = padMode == 0 ? ph - h - padTop - padBottom : 0;
        int tailW = padMode == 0 ? pw - w - padLeft - padRight : 0;
        int rowEnd = ph - padBottom - tailH;
        int colEnd = pw - padRight - tailW;
        float[] out = new float[planes * oh * ow];
        IntStream.range(0, planes).parallel().forEach(q -> {
            int base = q * ph * pw;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int sy0 = i * strideH;
                    int sx0 = j * strideW;
                    float acc = max ? padded[base + sy0 * pw + sx0] : 0f;
                    int area = 0;
                    for (int ky = 0; ky < kernelH; ky++) {
                        int sy = sy0 + ky;
                        for (int kx = 0; kx < kernelW; kx++) {
                            int sx = sx0 + kx;
                            float v = padded[base + sy * pw + sx];
                            if (max) {
                                acc = Math.max(acc, v);
                            } else if (countIncludePad) {
                                acc += v;
                            } else if (sy >= padTop && sy < rowEnd && sx >= padLeft && sx < colEnd) {
                                acc += v;
                                area++;
                            }
                        }
                    }
                    out[(q * oh + i) * ow + j] = max ? acc : countIncludePad ? acc / (kernelH * kernelW) : acc / area;
                }
            }
        });
        return Mat.of(oneD ? new int[]{planes, ow} : new int[]{planes, oh, ow}, out);
    }

    /** {top, bottom, left, right} for the pad mode. */
    private int[] padding(int h, int w) {
        switch (padMode) {
            case 0: {
                int wtail = (w + padLeft + padRight - kernelW) % strideW;
                int htail = (h + padTop + padBottom - kernelH) % strideH;
                int wextra = wtail != 0 ? strideW - wtail : 0;
                int hextra = htail != 0 ? strideH - htail : 0;
                return new int[]{padTop, padBottom + hextra, padLeft, padRight + wextra};
            }
            case 1:
                return new int[]{padTop, padBottom, padLeft, padRight};
            default: {
                int wpad = Math.max(0, kernelW + (w - 1) / strideW * strideW - w);
                int hpad = Math.max(0, kernelH + (h - 1) / strideH * strideH - h);
                return padMode == 2 ? new int[]{hpad / 2, hpad - hpad / 2, wpad / 2, wpad - wpad / 2}
                        : new int[]{hpad - hpad / 2, hpad / 2, wpad - wpad / 2, wpad / 2};
            }
        }
    }

    private Mat adaptive(Mat input, int planes, int h, int w) {
        int ow = outW == -233 ? w : outW;
        int oh = outH == -233 ? h : outH;
        if (ow <= 0 || oh <= 0) {
            throw new IllegalArgumentException("adaptive pooling needs positive out_w/out_h, got " + ow + "x" + oh);
        }
        float[] in = input.data();
        float[] out = new float[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            for (int i = 0; i < oh; i++) {
                int y0 = h * i / oh;
                int y1 = (h * (i + 1) + oh - 1) / oh;
                for (int j = 0; j < ow; j++) {
                    int x0 = w * j / ow;
                    int x1 = (w * (j + 1) + ow - 1) / ow;
                    float acc = max ? in[(q * h + y0) * w + x0] : 0f;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            float v = in[(q * h + y) * w + x];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    out[(q * oh + i) * ow + j] = max ? acc : acc / (y1 - y0) / (x1 - x0);
                }
            }
        }
        return Mat.of(oneD ? new int[]{planes, ow} : new int[]{planes, oh, ow}, out);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Pooling.*;

import dev.pnnxj.ncnn.layer.Pooling3D;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.stream.IntStream;

/**
 * ncnn's Pooling1D (2-D input, planes = rows), Pooling (3-D input, planes = channels) and
 * Pooling3D (4-D input, volumes = channels); lower ranks are the 3-D case with a window of 1 on
 * the missing axes. Param 0 pooling_type (0 max, 1 avg), kernel/stride/pads as in ncnn (the
 * depth ones defaulting to the w ones), 4 global_pooling, 5 pad_mode (0 full: extra tail padding
 * so the last window fits; 1 valid: the explicit pads only; 2 SAME_UPPER; 3 SAME_LOWER), 6
 * avgpool_count_include_pad, 7 adaptive_pooling with 8/18/28 out_w/out_h/out_d (-233 keeps the
 * input size).
 *
 * <p>Averages that exclude padding count window cells inside the explicit pads (and the full-mode
 * tail), which is what ncnn does: under pad_mode 2/3 the SAME border is counted as data.
 */
final class Pooling extends SingleInputLayer {
    private final int rank;
    private boolean max;
    private int kernelW;
    private int kernelH;
    private int kernelD;
    private int strideW;
    private int strideH;
    private int strideD;
    private int padLeft;
    private int padRight;
    private int padTop;
    private int padBottom;
    private int padFront;
    private int padBehind;
    private boolean global;
    private int padMode;
    private boolean countIncludePad;
    private boolean adaptive;
    private int outW;
    private int outH;
    private int outD;

    /** @param rank spatial axes: 1 for Pooling1D, 2 for Pooling, 3 for Pooling3D */
    Pooling(int rank) {
        this.rank = rank;
    }

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        int type = p.getInt(POOLING_TYPE, 0);
        if (type != 0 && type != 1) {
            throw new IllegalArgumentException("unknown pooling_type " + type);
        }
        boolean hasH = rank >= 2;
        boolean hasD = rank == 3;
        max = type == 0;
        kernelW = p.getInt(KERNEL_W, 0);
        strideW = p.getInt(STRIDE_W, 1);
        padLeft = p.getInt(PAD_LEFT, 0);
        padRight = p.getInt(PAD_RIGHT, padLeft);
        kernelH = hasH ? p.getInt(KERNEL_H, kernelW) : 1;
        strideH = hasH ? p.getInt(STRIDE_H, strideW) : 1;
        padTop = hasH ? p.getInt(PAD_TOP, padLeft) : 0;
        padBottom = hasH ? p.getInt(PAD_BOTTOM, padTop) : 0;
        kernelD = hasD ? p.getInt(Pooling3D.KERNEL_D, kernelW) : 1;
        strideD = hasD ? p.getInt(Pooling3D.STRIDE_D, strideW) : 1;
        padFront = hasD ? p.getInt(Pooling3D.PAD_FRONT, padLeft) : 0;
        padBehind = hasD ? p.getInt(Pooling3D.PAD_BEHIND, padFront) : 0;
        global = p.getInt(GLOBAL_POOLING, 0) != 0;
        padMode = p.getInt(PAD_MODE, 0);
        countIncludePad = p.getInt(AVGPOOL_COUNT_INCLUDE_PAD, 0) != 0;
        adaptive = p.getInt(ADAPTIVE_POOLING, 0) != 0;
        outW = p.getInt(OUT_W, 0);
        outH = hasH ? p.getInt(OUT_H, outW) : 1;
        outD = hasD ? p.getInt(Pooling3D.OUT_D, outW) : 1;
        if (!global && !adaptive && (kernelW <= 0 || kernelH <= 0 || kernelD <= 0 || strideW <= 0 || strideH <= 0
                || strideD <= 0)) {
            throw new IllegalArgumentException("kernel and stride must be positive");
        }
        if (padMode < 0 || padMode > 3) {
            throw new IllegalArgumentException("unknown pad_mode " + padMode);
        }
    }

    @Override
    Mat forward(Mat input) {
        Convolution.requireDims(input, rank + 1);
        int planes = input.extent(0);
        int d = input.d();
        int h = rank == 1 ? 1 : input.h();
        int w = input.w();
        float[] in = input.data();
        if (global) {
            float[] out = new float[planes];
            int size = d * h * w;
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
            return adaptive(input, planes, d, h, w);
        }
        int[] pad = padding(d, h, w);
        float[] padded = Border.pad(in, planes, d, h, w, pad[4], pad[5], pad[0], pad[1], pad[2], pad[3],
                Border.CONSTANT, max ? -Float.MAX_VALUE : 0f);
        int pd = d + pad[4] + pad[5];
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        if (pd < kernelD || ph < kernelH || pw < kernelW) {
            throw new IllegalArgumentException("padded input " + pd + "x" + ph + "x" + pw
                    + " is smaller than the kernel");
        }
        int od = (pd - kernelD) / strideD + 1;
        int oh = (ph - kernelH) / strideH + 1;
        int ow = (pw - kernelW) / strideW + 1;
        // the window cells counted by an average that excludes padding: past the explicit pads, before the tail
        int depthEnd = padMode == 0 ? padFront + d : pd - padBehind;
        int rowEnd = padMode == 0 ? padTop + h : ph - padBottom;
        int colEnd = padMode == 0 ? padLeft + w : pw - padRight;
        float[] out = new float[planes * od * oh * ow];
        IntStream.range(0, planes).parallel().forEach(q -> {
            int base = q * pd * ph * pw;
            for (int z = 0; z < od; z++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int sz0 = z * strideD;
                        int sy0 = i * strideH;
                        int sx0 = j * strideW;
                        float acc = max ? padded[base + (sz0 * ph + sy0) * pw + sx0] : 0f;
                        int area = 0;
                        for (int kz = 0; kz < kernelD; kz++) {
                            int sz = sz0 + kz;
                            for (int ky = 0; ky < kernelH; ky++) {
                                int sy = sy0 + ky;
                                for (int kx = 0; kx < kernelW; kx++) {
                                    int sx = sx0 + kx;
                                    float v = padded[base + (sz * ph + sy) * pw + sx];
                                    if (max) {
                                        acc = Math.max(acc, v);
                                    } else if (countIncludePad) {
                                        acc += v;
                                    } else if (sz >= padFront && sz < depthEnd && sy >= padTop && sy < rowEnd
                                            && sx >= padLeft && sx < colEnd) {
                                        acc += v;
                                        area++;
                                    }
                                }
                            }
                        }
                        out[((q * od + z) * oh + i) * ow + j] = max ? acc
                                : countIncludePad ? acc / (kernelD * kernelH * kernelW) : acc / area;
                    }
                }
            }
        });
        return Mat.of(Convolution.outputShape(rank, planes, od, oh, ow), out);
    }

    /** {top, bottom, left, right, front, behind} for the pad mode. */
    private int[] padding(int d, int h, int w) {
        switch (padMode) {
            case 0: {
                return new int[]{padTop, padBottom + tail(h, padTop + padBottom, kernelH, strideH), padLeft,
                        padRight + tail(w, padLeft + padRight, kernelW, strideW), padFront,
                        padBehind + tail(d, padFront + padBehind, kernelD, strideD)};
            }
            case 1:
                return new int[]{padTop, padBottom, padLeft, padRight, padFront, padBehind};
            default: {
                int wpad = Math.max(0, kernelW + (w - 1) / strideW * strideW - w);
                int hpad = Math.max(0, kernelH + (h - 1) / strideH * strideH - h);
                int dpad = Math.max(0, kernelD + (d - 1) / strideD * strideD - d);
                // ncnn's Pooling3D puts the odd depth pad behind for SAME_LOWER too
                return padMode == 2
                        ? new int[]{hpad / 2, hpad - hpad / 2, wpad / 2, wpad - wpad / 2, dpad / 2, dpad - dpad / 2}
                        : new int[]{hpad - hpad / 2, hpad / 2, wpad - wpad / 2, wpad / 2, dpad / 2, dpad - dpad / 2};
            }
        }
    }

    /** Full padding's extra cells at the end of an axis so the last window fits. */
    private static int tail(int size, int pads, int kernel, int stride) {
        int rest = (size + pads - kernel) % stride;
        return rest != 0 ? stride - rest : 0;
    }

    private Mat adaptive(Mat input, int planes, int d, int h, int w) {
        int ow = outW == -233 ? w : outW;
        int oh = outH == -233 ? h : outH;
        int od = outD == -233 ? d : outD;
        if (ow <= 0 || oh <= 0 || od <= 0) {
            throw new IllegalArgumentException("adaptive pooling needs positive out sizes, got " + od + "x" + oh + "x"
                    + ow);
        }
        float[] in = input.data();
        float[] out = new float[planes * od * oh * ow];
        for (int q = 0; q < planes; q++) {
            for (int z = 0; z < od; z++) {
                int z0 = d * z / od;
                int z1 = (d * (z + 1) + od - 1) / od;
                for (int i = 0; i < oh; i++) {
                    int y0 = h * i / oh;
                    int y1 = (h * (i + 1) + oh - 1) / oh;
                    for (int j = 0; j < ow; j++) {
                        int x0 = w * j / ow;
                        int x1 = (w * (j + 1) + ow - 1) / ow;
                        float acc = max ? in[((q * d + z0) * h + y0) * w + x0] : 0f;
                        for (int sz = z0; sz < z1; sz++) {
                            for (int y = y0; y < y1; y++) {
                                for (int x = x0; x < x1; x++) {
                                    float v = in[((q * d + sz) * h + y) * w + x];
                                    acc = max ? Math.max(acc, v) : acc + v;
                                }
                            }
                        }
                        out[((q * od + z) * oh + i) * ow + j] = max ? acc : acc / (z1 - z0) / (y1 - y0) / (x1 - x0);
                    }
                }
            }
        }
        return Mat.of(Convolution.outputShape(rank, planes, od, oh, ow), out);
    }
}

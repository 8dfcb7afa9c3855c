package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.stream.IntStream;

/**
 * ncnn's Pooling1D (2-D input [rows, w]), Pooling (3-D [c, h, w]) and Pooling3D (4-D [c, d, h, w]);
 * the leading axis holds the planes pooled independently. Param 0 pooling_type (0 max, 1 avg);
 * per axis w/h/d: kernel 1/11/21, stride 2/12/22, pad begin 3/13/23 (left, top, front), pad end
 * 14/15/16 (right, bottom, behind); 4 global_pooling; 5 pad_mode (0 full: extra tail padding so
 * the last window fits; 1 valid: the explicit pads only; 2 SAME_UPPER; 3 SAME_LOWER); 6
 * avgpool_count_include_pad; 7 adaptive_pooling with 8/18/28 out_w/out_h/out_d (-233 keeps the
 * input size).
 *
 * <p>Averages that exclude padding count window cells inside the explicit pads (and the full-mode
 * tail), which is what ncnn does: under pad_mode 2/3 the SAME border is counted as data. Axes a
 * layer does not have are size 1 with kernel 1, so one loop serves all three ranks.
 */
final class Pooling extends SingleInputLayer {
    private static final int[] KERNEL = {21, 11, 1};
    private static final int[] STRIDE = {22, 12, 2};
    private static final int[] PAD_BEGIN = {23, 13, 3};
    private static final int[] PAD_END = {16, 15, 14};
    private static final int[] OUT = {28, 18, 8};

    private final int spatial;
    private boolean max;
    /** Per axis, in the order d, h, w. */
    private final int[] kernel = {1, 1, 1};
    private final int[] stride = {1, 1, 1};
    private final int[] padBegin = new int[3];
    private final int[] padEnd = new int[3];
    private final int[] outSize = {1, 1, 1};
    private boolean global;
    private int padMode;
    private boolean countIncludePad;
    private boolean adaptive;

    Pooling(int spatial) {
        this.spatial = spatial;
    }

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        int type = p.getInt(0, 0);
        if (type != 0 && type != 1) {
            throw new IllegalArgumentException("unknown pooling_type " + type);
        }
        max = type == 0;
        int kw = p.getInt(1, 0);
        int sw = p.getInt(2, 1);
        int padLeft = p.getInt(3, 0);
        int ow = p.getInt(8, 0);
        // missing h/d params default to w's, the pad ends to their begins (ncnn's defaults)
        for (int a = 3 - spatial; a < 3; a++) {
            kernel[a] = p.getInt(KERNEL[a], kw);
            stride[a] = p.getInt(STRIDE[a], sw);
            padBegin[a] = p.getInt(PAD_BEGIN[a], padLeft);
            padEnd[a] = p.getInt(PAD_END[a], padBegin[a]);
            outSize[a] = p.getInt(OUT[a], ow);
        }
        global = p.getInt(4, 0) != 0;
        padMode = p.getInt(5, 0);
        countIncludePad = p.getInt(6, 0) != 0;
        adaptive = p.getInt(7, 0) != 0;
        for (int a = 0; a < 3; a++) {
            if (!global && !adaptive && (kernel[a] <= 0 || stride[a] <= 0)) {
                throw new IllegalArgumentException("kernel and stride must be positive");
            }
        }
        if (padMode < 0 || padMode > 3) {
            throw new IllegalArgumentException("unknown pad_mode " + padMode);
        }
    }

    @Override
    Mat forward(Mat input) {
        Convolution.requireDims(input, spatial + 1);
        int planes = input.extent(0);
        int[] size = {1, 1, 1};
        for (int a = 3 - spatial; a < 3; a++) {
            size[a] = input.extent(a - 2 + spatial);
        }
        float[] in = input.data();
        if (global) {
            float[] out = new float[planes];
            int n = size[0] * size[1] * size[2];
            for (int q = 0; q < planes; q++) {
                float acc = max ? in[q * n] : 0f;
                for (int i = 0; i < n; i++) {
                    acc = max ? Math.max(acc, in[q * n + i]) : acc + in[q * n + i];
                }
                out[q] = max ? acc : acc / n;
            }
            return Mat.vector(out);
        }
        return adaptive ? adaptive(in, planes, size) : windowed(in, planes, size);
    }

    private Mat windowed(float[] in, int planes, int[] size) {
        int[] begin = new int[3];
        int[] out = new int[3];
        // the padded-axis cells [lo, dataEnd) an average that excludes padding counts
        int[] lo = new int[3];
        int[] dataEnd = new int[3];
        for (int a = 0; a < 3; a++) {
            int[] pad = padding(a, size[a]);
            begin[a] = pad[0];
            int padded = size[a] + pad[0] + pad[1];
            if (padded < kernel[a]) {
                throw new IllegalArgumentException("padded input axis of " + padded + " is smaller than the kernel "
                        + kernel[a]);
            }
            out[a] = (padded - kernel[a]) / stride[a] + 1;
            int tail = padMode == 0 ? pad[1] - padEnd[a] : 0;
            lo[a] = padBegin[a];
            dataEnd[a] = padded - padEnd[a] - tail;
        }
        float[] result = new float[planes * out[0] * out[1] * out[2]];
        IntStream.range(0, planes).parallel().forEach(q -> {
            int base = q * size[0] * size[1] * size[2];
            int o = q * out[0] * out[1] * out[2];
            for (int z = 0; z < out[0]; z++) {
                for (int i = 0; i < out[1]; i++) {
                    for (int j = 0; j < out[2]; j++) {
                        float acc = max ? -Float.MAX_VALUE : 0f;
                        int area = 0;
                        for (int kz = 0; kz < kernel[0]; kz++) {
                            int pz = z * stride[0] + kz;
                            for (int ky = 0; ky < kernel[1]; ky++) {
                                int py = i * stride[1] + ky;
                                for (int kx = 0; kx < kernel[2]; kx++) {
                                    int px = j * stride[2] + kx;
                                    int sz = pz - begin[0];
                                    int sy = py - begin[1];
                                    int sx = px - begin[2];
                                    boolean inside = sz >= 0 && sz < size[0] && sy >= 0 && sy < size[1] && sx >= 0
                                            && sx < size[2];
                                    float v = inside ? in[base + (sz * size[1] + sy) * size[2] + sx]
                                            : max ? -Float.MAX_VALUE : 0f;
                                    if (max) {
                                        acc = Math.max(acc, v);
                                    } else {
                                        acc += v;
                                        if (pz >= lo[0] && pz < dataEnd[0] && py >= lo[1] && py < dataEnd[1]
                                                && px >= lo[2] && px < dataEnd[2]) {
                                            area++;
                                        }
                                    }
                                }
                            }
                        }
                        int window = kernel[0] * kernel[1] * kernel[2];
                        result[o++] = max ? acc : acc / (countIncludePad ? window : area);
                    }
                }
            }
        });
        return Mat.of(shape(planes, out), result);
    }

    /** {begin, end} padding of axis a (d, h, w) for the pad mode. */
    private int[] padding(int a, int n) {
        switch (padMode) {
            case 0: {
                int tail = (n + padBegin[a] + padEnd[a] - kernel[a]) % stride[a];
                return new int[]{padBegin[a], padEnd[a] + (tail != 0 ? stride[a] - tail : 0)};
            }
            case 1:
                return new int[]{padBegin[a], padEnd[a]};
            default: {
                int pad = Math.max(0, kernel[a] + (n - 1) / stride[a] * stride[a] - n);
                return padMode == 2 ? new int[]{pad / 2, pad - pad / 2} : new int[]{pad - pad / 2, pad / 2};
            }
        }
    }

    private Mat adaptive(float[] in, int planes, int[] size) {
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = a < 3 - spatial ? 1 : outSize[a] == -233 ? size[a] : outSize[a];
            if (out[a] <= 0) {
                throw new IllegalArgumentException("adaptive pooling needs positive output sizes, got " + out[a]);
            }
        }
        float[] result = new float[planes * out[0] * out[1] * out[2]];
        int o = 0;
        for (int q = 0; q < planes; q++) {
            int base = q * size[0] * size[1] * size[2];
            for (int z = 0; z < out[0]; z++) {
                int z0 = size[0] * z / out[0];
                int z1 = (size[0] * (z + 1) + out[0] - 1) / out[0];
                for (int i = 0; i < out[1]; i++) {
                    int y0 = size[1] * i / out[1];
                    int y1 = (size[1] * (i + 1) + out[1] - 1) / out[1];
                    for (int j = 0; j < out[2]; j++) {
                        int x0 = size[2] * j / out[2];
                        int x1 = (size[2] * (j + 1) + out[2] - 1) / out[2];
                        float acc = max ? -Float.MAX_VALUE : 0f;
                        for (int sz = z0; sz < z1; sz++) {
                            for (int sy = y0; sy < y1; sy++) {
                                for (int sx = x0; sx < x1; sx++) {
                                    float v = in[base + (sz * size[1] + sy) * size[2] + sx];
                                    acc = max ? Math.max(acc, v) : acc + v;
                                }
                            }
                        }
                        result[o++] = max ? acc : acc / ((z1 - z0) * (y1 - y0) * (x1 - x0));
                    }
                }
            }
        }
        return Mat.of(shape(planes, out), result);
    }

    private int[] shape(int planes, int[] out) {
        int[] s = new int[spatial + 1];
        s[0] = planes;
        System.arraycopy(out, 3 - spatial, s, 1, spatial);
        return s;
    }
}

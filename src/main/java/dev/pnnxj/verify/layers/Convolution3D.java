package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * ncnn's Convolution3D, ConvolutionDepthWise3D, Deconvolution3D and DeconvolutionDepthWise3D on a
 * 4-D [c, d, h, w] input, by direct loops (the 3-D models pnnx-j checks are small). Per axis w/h/d:
 * kernel 1/11/21, dilation 2/12/22, stride 3/13/23, pad begin 4/14/24 (left, top, front), pad end
 * 15/16/17 (right, bottom, behind); 0 num_output, 5 bias_term, 6 weight_data_size, 7 group (the
 * DepthWise forms), 9/10 the fused activation. A convolution pads with 18 pad_value, or with
 * -233 / -234 pads on every side splits SAME_UPPER / SAME_LOWER padding. A deconvolution scatters
 * each input cell into {@code (in - 1) * stride + kernel_extent + output_pad} (18/19/20), applies
 * the activation, then cuts the explicit pads, or with output_w/h/d (25/26/27) and -233 / -234
 * pads a SAME split of the excess. Weights are [out][in/group][kd][kh][kw] (type 0), bias type 1.
 */
final class Convolution3D extends SingleInputLayer {
    private static final int[] KERNEL = {21, 11, 1};
    private static final int[] DILATION = {22, 12, 2};
    private static final int[] STRIDE = {23, 13, 3};
    private static final int[] PAD_BEGIN = {24, 14, 4};
    private static final int[] PAD_END = {17, 16, 15};
    private static final int[] OUTPUT_PAD = {20, 19, 18};
    private static final int[] OUTPUT_SIZE = {27, 26, 25};

    private final boolean grouped;
    private final boolean deconv;
    private int numOutput;
    private int group;
    private boolean biasTerm;
    private int weightDataSize;
    private float padValue;
    private FloatOp activation;
    /** Per axis, in the order d, h, w. */
    private final int[] kernel = new int[3];
    private final int[] dilation = new int[3];
    private final int[] stride = new int[3];
    private final int[] padBegin = new int[3];
    private final int[] padEnd = new int[3];
    private final int[] outputPad = new int[3];
    private final int[] outputSize = new int[3];
    private float[] weights;
    private float[] bias;

    Convolution3D(boolean grouped, boolean deconv) {
        this.grouped = grouped;
        this.deconv = deconv;
    }

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numOutput = p.getInt(0, 0);
        biasTerm = p.getInt(5, 0) != 0;
        weightDataSize = p.getInt(6, 0);
        group = grouped ? p.getInt(7, 1) : 1;
        activation = Activation.of(p.getInt(9, 0), p.getFloats(10));
        padValue = deconv ? 0f : p.getFloat(18, 0f);
        for (int a = 2; a >= 0; a--) {
            // h and d default to w; the pad ends to their begins (ncnn's defaults)
            kernel[a] = p.getInt(KERNEL[a], a == 2 ? 0 : kernel[2]);
            dilation[a] = p.getInt(DILATION[a], a == 2 ? 1 : dilation[2]);
            stride[a] = p.getInt(STRIDE[a], a == 2 ? 1 : stride[2]);
            padBegin[a] = p.getInt(PAD_BEGIN[a], a == 2 ? 0 : padBegin[2]);
            padEnd[a] = p.getInt(PAD_END[a], padBegin[a]);
            outputPad[a] = deconv ? p.getInt(OUTPUT_PAD[a], a == 2 ? 0 : outputPad[2]) : 0;
            outputSize[a] = deconv ? p.getInt(OUTPUT_SIZE[a], a == 2 ? 0 : outputSize[2]) : 0;
        }
        if (p.getInt(deconv ? 28 : 19, 0) != 0) {
            throw new IllegalArgumentException("dynamic_weight=1 is not supported by the reference executor");
        }
        int k = kernel[0] * kernel[1] * kernel[2];
        if (numOutput <= 0 || k <= 0 || group <= 0 || Arrays.stream(stride).anyMatch(s -> s <= 0)
                || Arrays.stream(dilation).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("num_output, kernel, stride, dilation and group must be positive");
        }
        if (numOutput % group != 0 || weightDataSize <= 0 || weightDataSize % (numOutput / group * k) != 0) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize + " does not fit num_output "
                    + numOutput + ", group " + group + " and a kernel of " + k);
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        weights = r.load(weightDataSize, 0);
        bias = biasTerm ? r.load(numOutput, 1) : null;
    }

    @Override
    Mat forward(Mat input) {
        Convolution.requireDims(input, 4);
        int c = input.c();
        int[] size = {input.d(), input.h(), input.w()};
        int inG = weightDataSize / (numOutput * kernel[0] * kernel[1] * kernel[2]);
        if (c != inG * group) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + c
                    + " channels but the weights expect " + inG * group);
        }
        return deconv ? deconvolve(input.data(), inG, size) : convolve(input.data(), inG, size);
    }

    private int extent(int a) {
        return dilation[a] * (kernel[a] - 1) + 1;
    }

    private Mat convolve(float[] in, int inG, int[] size) {
        boolean upper = allPads(ConvSpec.SAME_UPPER);
        boolean lower = allPads(ConvSpec.SAME_LOWER);
        int[] begin = new int[3];
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            int lo = padBegin[a];
            int hi = padEnd[a];
            if (upper || lower) {
                int pad = Math.max(0, extent(a) + (size[a] - 1) / stride[a] * stride[a] - size[a]);
                lo = upper ? pad / 2 : pad - pad / 2;
                hi = pad - lo;
            } else if (lo < 0 || hi < 0) {
                throw new IllegalArgumentException("unsupported pads " + lo + "," + hi
                        + " (only >= 0, or -233 / -234 on every side)");
            }
            begin[a] = lo;
            out[a] = (size[a] + lo + hi - extent(a)) / stride[a] + 1;
            if (out[a] <= 0) {
                throw new IllegalArgumentException("padded input is smaller than the kernel extent " + extent(a));
            }
        }
        int outG = numOutput / group;
        int plane = out[0] * out[1] * out[2];
        float[] result = new float[numOutput * plane];
        IntStream.range(0, numOutput).parallel().forEach(p -> {
            int g = p / outG;
            int o = p * plane;
            for (int z = 0; z < out[0]; z++) {
                for (int y = 0; y < out[1]; y++) {
                    for (int x = 0; x < out[2]; x++) {
                        float acc = bias == null ? 0f : bias[p];
                        int wi = p * inG * kernel[0] * kernel[1] * kernel[2];
                        for (int q = 0; q < inG; q++) {
                            int ib = (g * inG + q) * size[0] * size[1] * size[2];
                            for (int kz = 0; kz < kernel[0]; kz++) {
                                int sz = z * stride[0] + kz * dilation[0] - begin[0];
                                for (int ky = 0; ky < kernel[1]; ky++) {
                                    int sy = y * stride[1] + ky * dilation[1] - begin[1];
                                    for (int kx = 0; kx < kernel[2]; kx++, wi++) {
                                        int sx = x * stride[2] + kx * dilation[2] - begin[2];
                                        boolean inside = sz >= 0 && sz < size[0] && sy >= 0 && sy < size[1]
                                                && sx >= 0 && sx < size[2];
                                        acc += weights[wi] * (inside ? in[ib + (sz * size[1] + sy) * size[2] + sx]
                                                : padValue);
                                    }
                                }
                            }
                        }
                        result[o++] = activation.apply(acc);
                    }
                }
            }
        });
        return Mat.of(new int[]{numOutput, out[0], out[1], out[2]}, result);
    }

    private Mat deconvolve(float[] in, int inG, int[] size) {
        int[] full = new int[3];
        for (int a = 0; a < 3; a++) {
            full[a] = (size[a] - 1) * stride[a] + extent(a) + outputPad[a];
        }
        int outG = numOutput / group;
        int fullPlane = full[0] * full[1] * full[2];
        float[] scattered = new float[numOutput * fullPlane];
        IntStream.range(0, numOutput).parallel().forEach(p -> {
            int g = p / outG;
            int ob = p * fullPlane;
            if (bias != null) {
                Arrays.fill(scattered, ob, ob + fullPlane, bias[p]);
            }
            int wi = p * inG * kernel[0] * kernel[1] * kernel[2];
            for (int q = 0; q < inG; q++) {
                int ib = (g * inG + q) * size[0] * size[1] * size[2];
                for (int kz = 0; kz < kernel[0]; kz++) {
                    for (int ky = 0; ky < kernel[1]; ky++) {
                        for (int kx = 0; kx < kernel[2]; kx++, wi++) {
                            float wv = weights[wi];
                            for (int z = 0; z < size[0]; z++) {
                                for (int y = 0; y < size[1]; y++) {
                                    int o = ob + ((z * stride[0] + kz * dilation[0]) * full[1] + y * stride[1]
                                            + ky * dilation[1]) * full[2] + kx * dilation[2];
                                    int i = ib + (z * size[1] + y) * size[2];
                                    for (int x = 0; x < size[2]; x++) {
                                        scattered[o + x * stride[2]] += wv * in[i + x];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
        int[] cut = new int[3];
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            int[] c = cut(a, full[a]);
            cut[a] = c[0];
            out[a] = full[a] - c[0] - c[1];
            if (out[a] <= 0) {
                throw new IllegalArgumentException("pads leave an empty output");
            }
        }
        float[] result = new float[numOutput * out[0] * out[1] * out[2]];
        int o = 0;
        for (int p = 0; p < numOutput; p++) {
            for (int z = 0; z < out[0]; z++) {
                for (int y = 0; y < out[1]; y++) {
                    int src = p * fullPlane + ((z + cut[0]) * full[1] + y + cut[1]) * full[2] + cut[2];
                    for (int x = 0; x < out[2]; x++) {
                        result[o++] = activation.apply(scattered[src + x]);
                    }
                }
            }
        }
        return Mat.of(new int[]{numOutput, out[0], out[1], out[2]}, result);
    }

    /** {begin, end} to remove from a deconvolution's full output along axis a. */
    private int[] cut(int a, int full) {
        boolean explicit = Arrays.stream(padBegin).anyMatch(v -> v > 0) || Arrays.stream(padEnd).anyMatch(v -> v > 0);
        if (explicit) {
            return new int[]{Math.max(padBegin[a], 0), Math.max(padEnd[a], 0)};
        }
        if (outputSize[0] > 0 && outputSize[1] > 0 && outputSize[2] > 0) {
            int excess = full - outputSize[a];
            if (anyPad(ConvSpec.SAME_UPPER)) {
                return new int[]{excess / 2, excess - excess / 2};
            }
            if (anyPad(ConvSpec.SAME_LOWER)) {
                return new int[]{excess - excess / 2, excess / 2};
            }
            throw new IllegalArgumentException("output_w/h/d are set but the pads are neither -233 nor -234;"
                    + " ncnn produces no output for this");
        }
        return new int[2];
    }

    private boolean allPads(int v) {
        return Arrays.stream(padBegin).allMatch(p -> p == v) && Arrays.stream(padEnd).allMatch(p -> p == v);
    }

    private boolean anyPad(int v) {
        return Arrays.stream(padBegin).anyMatch(p -> p == v) || Arrays.stream(padEnd).anyMatch(p -> p == v);
    }
}

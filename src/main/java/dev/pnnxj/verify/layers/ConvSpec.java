package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;
import java.util.List;

/**
 * The parameters and weights shared by ncnn's convolution-like layers (Convolution*,
 * Deconvolution*, their DepthWise and 1D forms). The 1D forms are the 2D ones with a kernel,
 * stride, dilation and padding of height 1, run on a [c=h, h=1, w] view of their 2-D input.
 * Weights are laid out [group][out/group][in/group][kh][kw], loaded with type 0; bias with type 1.
 * With dynamic_weight=1 (19, Deconvolution* 28) the weight is the second bottom instead (a
 * Deconvolution's as [in][out][kh][kw]) and the bias the third.
 */
final class ConvSpec {
    /** ncnn's pad value meaning SAME_UPPER (TensorFlow SAME). */
    static final int SAME_UPPER = -233;
    /** ncnn's pad value meaning SAME_LOWER. */
    static final int SAME_LOWER = -234;

    final int numOutput;
    final int kernelW;
    final int kernelH;
    final int dilationW;
    final int dilationH;
    final int strideW;
    final int strideH;
    final int padLeft;
    final int padRight;
    final int padTop;
    final int padBottom;
    final float padValue;
    final boolean biasTerm;
    final int weightDataSize;
    final int group;
    final FloatOp activation;
    final boolean oneD;
    /** Deconvolution only: extra output on the right / bottom, and a requested output size. */
    final int outputPadRight;
    final int outputPadBottom;
    final int outputW;
    final int outputH;
    final boolean dynamicWeight;

    private final boolean deconv;
    float[] weights;
    float[] bias;

    ConvSpec(LayerParams p, boolean oneD, boolean grouped, boolean deconv) {
        this.oneD = oneD;
        numOutput = p.getInt(0, 0);
        kernelW = p.getInt(1, 0);
        dilationW = p.getInt(2, 1);
        strideW = p.getInt(3, 1);
        padLeft = p.getInt(4, 0);
        padRight = p.getInt(15, padLeft);
        biasTerm = p.getInt(5, 0) != 0;
        weightDataSize = p.getInt(6, 0);
        group = grouped ? p.getInt(7, 1) : 1;
        activation = Activation.of(p.getInt(9, 0), p.getFloats(10));
        kernelH = oneD ? 1 : p.getInt(11, kernelW);
        dilationH = oneD ? 1 : p.getInt(12, dilationW);
        strideH = oneD ? 1 : p.getInt(13, strideW);
        padTop = oneD ? 0 : p.getInt(14, padLeft);
        padBottom = oneD ? 0 : p.getInt(16, padTop);
        padValue = deconv ? 0f : p.getFloat(18, 0f);
        outputPadRight = deconv ? p.getInt(18, 0) : 0;
        outputPadBottom = deconv && !oneD ? p.getInt(19, outputPadRight) : 0;
        outputW = deconv ? p.getInt(20, 0) : 0;
        outputH = deconv ? (oneD ? (outputW > 0 ? 1 : 0) : p.getInt(21, outputW)) : 0;

        dynamicWeight = p.getInt(deconv ? 28 : 19, 0) != 0;
        this.deconv = deconv;
        if (dynamicWeight && group != 1) {
            throw new IllegalArgumentException("dynamic_weight=1 with group " + group + " is not supported by the "
                    + "reference executor");
        }
        if (!deconv && p.getInt(8, 0) != 0) {
            throw new IllegalArgumentException("int8_scale_term is not supported by the reference executor");
        }
        if (numOutput <= 0 || kernelW <= 0 || kernelH <= 0 || strideW <= 0 || strideH <= 0 || dilationW <= 0
                || dilationH <= 0 || group <= 0) {
            throw new IllegalArgumentException("num_output, kernel, stride, dilation and group must be positive");
        }
        if (numOutput % group != 0) {
            throw new IllegalArgumentException("num_output " + numOutput + " is not divisible by group " + group);
        }
        int perInput = numOutput / group * kernelW * kernelH;
        if (weightDataSize <= 0 || weightDataSize % perInput != 0) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize + " is not a multiple of "
                    + "num_output/group*kernel_w*kernel_h = " + perInput);
        }
    }

    void load(WeightReader r) {
        if (!dynamicWeight) {
            weights = r.load(weightDataSize, 0);
            bias = biasTerm ? r.load(numOutput, 1) : null;
        }
    }

    /**
     * The data input of a layer's bottoms; with dynamic_weight=1 takes the weights (and bias)
     * from the others first, checking them against the params.
     */
    Mat bottoms(List<Mat> inputs) {
        int expected = dynamicWeight ? (biasTerm ? 3 : 2) : 1;
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("expects " + expected + " inputs, got " + inputs.size());
        }
        if (dynamicWeight) {
            Mat w = inputs.get(1);
            if (w.total() != weightDataSize || w.w() != kernelW || (!oneD && w.h() != kernelH)) {
                throw new IllegalArgumentException("dynamic weight " + w.shapeString() + " does not match the params' "
                        + "kernel " + kernelH + "x" + kernelW + " and weight_data_size " + weightDataSize);
            }
            weights = deconv ? outerAxesSwapped(w.data(), w.extent(0), w.total() / w.extent(0) / (kernelW * kernelH),
                    kernelW * kernelH) : w.data();
            bias = biasTerm ? inputs.get(2).data() : null;
        }
        return inputs.get(0);
    }

    /** [a][b][k] → [b][a][k]. */
    private static float[] outerAxesSwapped(float[] v, int a, int b, int k) {
        float[] out = new float[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * k, out, (j * a + i) * k, k);
            }
        }
        return out;
    }

    /** Input channels the weights expect: weight_data_size = num_output * in/group * kh * kw. */
    int inputChannels() {
        return weightDataSize / numOutput / (kernelW * kernelH) * group;
    }

    /**
     * The {top, bottom, left, right} border a convolution adds to an h x w input: the explicit
     * pads, or for -233 / -234 on every side the SAME_UPPER / SAME_LOWER split of
     * {@code kernel_extent + (size - 1) / stride * stride - size}.
     */
    int[] convPadding(int h, int w) {
        boolean upper = isAll(SAME_UPPER);
        boolean lower = isAll(SAME_LOWER);
        if (upper || lower) {
            int wpad = Math.max(0, kernelExtentW() + (w - 1) / strideW * strideW - w);
            int hpad = Math.max(0, kernelExtentH() + (h - 1) / strideH * strideH - h);
            return upper ? new int[]{hpad / 2, hpad - hpad / 2, wpad / 2, wpad - wpad / 2}
                    : new int[]{hpad - hpad / 2, hpad / 2, wpad - wpad / 2, wpad / 2};
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("unsupported pads " + padTop + "," + padBottom + "," + padLeft + ","
                    + padRight + " (only >= 0, or -233 / -234 on every side)");
        }
        return new int[]{padTop, padBottom, padLeft, padRight};
    }

    /** Whether every pad ncnn checks for this layer kind equals {@code v}. */
    private boolean isAll(int v) {
        return padLeft == v && padRight == v && (oneD || (padTop == v && padBottom == v));
    }

    int kernelExtentW() {
        return dilationW * (kernelW - 1) + 1;
    }

    int kernelExtentH() {
        return dilationH * (kernelH - 1) + 1;
    }
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.ncnn.layer.Convolution3D;
import dev.pnnxj.ncnn.layer.Convolution;
import dev.pnnxj.ncnn.layer.ConvolutionDepthWise;
import dev.pnnxj.ncnn.layer.Deconvolution3D;
import dev.pnnxj.ncnn.layer.Deconvolution;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;
import java.util.List;

/**
 * The parameters and weights shared by ncnn's convolution-like layers (Convolution*,
 * Deconvolution*, their DepthWise, 1D and 3D forms) over {@code rank} spatial axes. Lower ranks
 * are the 3-D case with a kernel, stride, dilation and padding of 1 (0 for pads) on the missing
 * axes: the 1D forms run on a [c=h, h=1, w] view of their 2-D input, the 2-D forms on depth 1.
 * Weights are laid out [group][out/group][in/group][kd][kh][kw], loaded with type 0; bias with
 * type 1. The 3D forms default each depth param to its w one, as ncnn does. With dynamic_weight=1
 * (19, Deconvolution* 28; not in the 3D forms) the weight is the second bottom instead (a
 * Deconvolution's as [in][out][kh][kw]) and the bias the third.
 */
final class ConvSpec {
    /** ncnn's pad value meaning SAME_UPPER (TensorFlow SAME). */
    static final int SAME_UPPER = Convolution.PAD_SAME_UPPER;
    /** ncnn's pad value meaning SAME_LOWER. */
    static final int SAME_LOWER = Convolution.PAD_SAME_LOWER;

    final int rank;
    final int numOutput;
    final int kernelW;
    final int kernelH;
    final int kernelD;
    final int dilationW;
    final int dilationH;
    final int dilationD;
    final int strideW;
    final int strideH;
    final int strideD;
    final int padLeft;
    final int padRight;
    final int padTop;
    final int padBottom;
    final int padFront;
    final int padBehind;
    final float padValue;
    final boolean biasTerm;
    final int weightDataSize;
    final int group;
    final FloatOp activation;
    /** Deconvolution only: extra output on the right / bottom / behind, and a requested output size. */
    final int outputPadRight;
    final int outputPadBottom;
    final int outputPadBehind;
    final int outputW;
    final int outputH;
    final int outputD;
    final boolean dynamicWeight;

    private final boolean deconv;

    float[] weights;
    float[] bias;

    ConvSpec(LayerParams p, int rank, boolean grouped, boolean deconv) {
        this.rank = rank;
        boolean hasH = rank >= 2;
        boolean hasD = rank == 3;
        numOutput = p.getInt(Convolution.NUM_OUTPUT, 0);
        kernelW = p.getInt(Convolution.KERNEL_W, 0);
        dilationW = p.getInt(Convolution.DILATION_W, 1);
        strideW = p.getInt(Convolution.STRIDE_W, 1);
        padLeft = p.getInt(Convolution.PAD_LEFT, 0);
        padRight = p.getInt(Convolution.PAD_RIGHT, padLeft);
        biasTerm = p.getInt(Convolution.BIAS_TERM, 0) != 0;
        weightDataSize = p.getInt(Convolution.WEIGHT_DATA_SIZE, 0);
        group = grouped ? p.getInt(ConvolutionDepthWise.GROUP, 1) : 1;
        activation = Activation.of(p.getInt(Convolution.ACTIVATION_TYPE, 0), p.getFloats(Convolution.ACTIVATION_PARAMS));
        kernelH = hasH ? p.getInt(Convolution.KERNEL_H, kernelW) : 1;
        dilationH = hasH ? p.getInt(Convolution.DILATION_H, dilationW) : 1;
        strideH = hasH ? p.getInt(Convolution.STRIDE_H, strideW) : 1;
        padTop = hasH ? p.getInt(Convolution.PAD_TOP, padLeft) : 0;
        padBottom = hasH ? p.getInt(Convolution.PAD_BOTTOM, padTop) : 0;
        kernelD = hasD ? p.getInt(Convolution3D.KERNEL_D, kernelW) : 1;
        dilationD = hasD ? p.getInt(Convolution3D.DILATION_D, dilationW) : 1;
        strideD = hasD ? p.getInt(Convolution3D.STRIDE_D, strideW) : 1;
        padFront = hasD ? p.getInt(Convolution3D.PAD_FRONT, padLeft) : 0;
        padBehind = hasD ? p.getInt(Convolution3D.PAD_BEHIND, padFront) : 0;
        padValue = deconv ? 0f : p.getFloat(Convolution.PAD_VALUE, 0f);
        outputPadRight = deconv ? p.getInt(Deconvolution.OUTPUT_PAD_RIGHT, 0) : 0;
        outputPadBottom = deconv && hasH ? p.getInt(Deconvolution.OUTPUT_PAD_BOTTOM, outputPadRight) : 0;
        outputPadBehind = deconv && hasD ? p.getInt(Deconvolution3D.OUTPUT_PAD_BEHIND, outputPadRight) : 0;
        // ncnn renumbered the output size ids for 3-D; a missing axis counts as requested size 1
        outputW = deconv ? p.getInt(hasD ? Deconvolution3D.OUTPUT_W : Deconvolution.OUTPUT_W, 0) : 0;
        int missing = outputW > 0 ? 1 : 0;
        outputH = deconv ? (hasH ? p.getInt(hasD ? Deconvolution3D.OUTPUT_H : Deconvolution.OUTPUT_H, outputW) : missing) : 0;
        outputD = deconv ? (hasD ? p.getInt(Deconvolution3D.OUTPUT_D, outputW) : missing) : 0;

        // the 3D forms have no dynamic weight; their ids 19 and 28 mean other things or nothing
        dynamicWeight = !hasD && p.getInt(deconv ? Deconvolution.DYNAMIC_WEIGHT : Convolution.DYNAMIC_WEIGHT, 0) != 0;
        this.deconv = deconv;
        if (dynamicWeight && group != 1) {
            throw new IllegalArgumentException("dynamic_weight=1 with group " + group + " is not supported by the "
                    + "reference executor");
        }
        if (!deconv && !hasD && p.getInt(Convolution.INT8_SCALE_TERM, 0) != 0) {
            throw new IllegalArgumentException("int8_scale_term is not supported by the reference executor");
        }
        if (numOutput <= 0 || kernelW <= 0 || kernelH <= 0 || kernelD <= 0 || strideW <= 0 || strideH <= 0
                || strideD <= 0 || dilationW <= 0 || dilationH <= 0 || dilationD <= 0 || group <= 0) {
            throw new IllegalArgumentException("num_output, kernel, stride, dilation and group must be positive");
        }
        if (numOutput % group != 0) {
            throw new IllegalArgumentException("num_output " + numOutput + " is not divisible by group " + group);
        }
        int perInput = numOutput / group * kernelSize();
        if (weightDataSize <= 0 || weightDataSize % perInput != 0) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize + " is not a multiple of "
                    + "num_output/group*kernel size = " + perInput);
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
            if (w.total() != weightDataSize || w.w() != kernelW || (rank >= 2 && w.h() != kernelH)) {
                throw new IllegalArgumentException("dynamic weight " + w.shapeString() + " does not match the params' "
                        + "kernel " + kernelH + "x" + kernelW + " and weight_data_size " + weightDataSize);
            }
            weights = deconv ? outerAxesSwapped(w.data(), w.extent(0), w.total() / w.extent(0) / kernelSize(),
                    kernelSize()) : w.data();
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

    /** Taps of one kernel: kernel_d * kernel_h * kernel_w. */
    int kernelSize() {
        return kernelD * kernelH * kernelW;
    }

    /** Input channels the weights expect: weight_data_size = num_output * in/group * kernel size. */
    int inputChannels() {
        return weightDataSize / numOutput / kernelSize() * group;
    }

    /**
     * The {top, bottom, left, right, front, behind} border a convolution adds to a d x h x w
     * input: the explicit pads, or for -233 / -234 on every side the SAME_UPPER / SAME_LOWER split
     * of {@code kernel_extent + (size - 1) / stride * stride - size}.
     */
    int[] convPadding(int d, int h, int w) {
        boolean upper = isAll(SAME_UPPER);
        boolean lower = isAll(SAME_LOWER);
        if (upper || lower) {
            int wpad = Math.max(0, kernelExtentW() + (w - 1) / strideW * strideW - w);
            int hpad = Math.max(0, kernelExtentH() + (h - 1) / strideH * strideH - h);
            int dpad = Math.max(0, kernelExtentD() + (d - 1) / strideD * strideD - d);
            // ncnn's 3-D layers put the odd depth pad behind for SAME_LOWER too
            return upper ? new int[]{hpad / 2, hpad - hpad / 2, wpad / 2, wpad - wpad / 2, dpad / 2, dpad - dpad / 2}
                    : new int[]{hpad - hpad / 2, hpad / 2, wpad - wpad / 2, wpad / 2, dpad / 2, dpad - dpad / 2};
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0 || padFront < 0 || padBehind < 0) {
            throw new IllegalArgumentException("unsupported pads " + padTop + "," + padBottom + "," + padLeft + ","
                    + padRight + "," + padFront + "," + padBehind + " (only >= 0, or -233 / -234 on every side)");
        }
        return new int[]{padTop, padBottom, padLeft, padRight, padFront, padBehind};
    }

    /** Whether every pad ncnn checks for this layer kind equals {@code v}. */
    private boolean isAll(int v) {
        return padLeft == v && padRight == v && (rank < 2 || padTop == v && padBottom == v)
                && (rank < 3 || padFront == v && padBehind == v);
    }

    int kernelExtentW() {
        return dilationW * (kernelW - 1) + 1;
    }

    int kernelExtentH() {
        return dilationH * (kernelH - 1) + 1;
    }

    int kernelExtentD() {
        return dilationD * (kernelD - 1) + 1;
    }
}

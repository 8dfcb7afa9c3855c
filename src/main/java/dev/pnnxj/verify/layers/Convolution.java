package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ncnn's Convolution, ConvolutionDepthWise (any group count), Convolution1D and
 * ConvolutionDepthWise1D. The input is padded with pad_value, unfolded per group into a
 * [in/group * kh * kw][outh * outw] matrix (im2col, in row chunks to bound memory) and multiplied
 * by the group's weights; then the fused activation is applied. Like ncnn, Convolution with a
 * 1x1 kernel on a 1-D input acts as InnerProduct.
 */
final class Convolution implements Layer {
    /** Upper bound on floats in one im2col chunk. */
    private static final int COL_BUDGET = 1 << 22;

    private final boolean oneD;
    private final boolean grouped;
    private ConvSpec spec;

    Convolution(boolean oneD, boolean grouped) {
        this.oneD = oneD;
        this.grouped = grouped;
    }

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        spec = new ConvSpec(params, oneD, grouped, false);
    }

    @Override
    public void loadWeights(WeightReader weights) {
        spec.load(weights);
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        return List.of(forward(spec.bottoms(inputs)));
    }

    private Mat forward(Mat input) {
        if (!oneD && input.dims() == 1 && spec.kernelW == 1 && spec.kernelH == 1 && spec.group == 1) {
            return InnerProduct.apply(new Dense(spec.weights, spec.numOutput, spec.bias, spec.activation), input);
        }
        int c;
        int h;
        int w = input.w();
        if (oneD) {
            requireDims(input, 2);
            c = input.h();
            h = 1;
        } else {
            if (input.dims() != 3 && input.dims() != 2) {
                throw new IllegalArgumentException("expects a 3-D (or single-channel 2-D) input, got "
                        + input.shapeString());
            }
            c = input.c();
            h = input.h();
        }
        if (c != spec.inputChannels()) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + c
                    + " channels but the weights expect " + spec.inputChannels());
        }
        int[] pad = spec.convPadding(h, w);
        float[] padded = Border.pad(input.data(), c, h, w, pad[0], pad[1], pad[2], pad[3], Border.CONSTANT,
                spec.padValue);
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        if (ph < spec.kernelExtentH() || pw < spec.kernelExtentW()) {
            throw new IllegalArgumentException("padded input " + ph + "x" + pw + " is smaller than the kernel extent "
                    + spec.kernelExtentH() + "x" + spec.kernelExtentW());
        }
        int outH = (ph - spec.kernelExtentH()) / spec.strideH + 1;
        int outW = (pw - spec.kernelExtentW()) / spec.strideW + 1;
        float[] out = convolve(padded, c, ph, pw, outH, outW);
        for (int i = 0; i < out.length; i++) {
            out[i] = spec.activation.apply(out[i]);
        }
        return Mat.of(oneD ? new int[]{spec.numOutput, outW} : new int[]{spec.numOutput, outH, outW}, out);
    }

    private float[] convolve(float[] in, int c, int h, int w, int outH, int outW) {
        int groups = spec.group;
        int inG = c / groups;
        int outG = spec.numOutput / groups;
        int n = outH * outW;
        int k = inG * spec.kernelH * spec.kernelW;
        float[] out = new float[spec.numOutput * n];
        if (spec.bias != null) {
            for (int p = 0; p < spec.numOutput; p++) {
                Arrays.fill(out, p * n, (p + 1) * n, spec.bias[p]);
            }
        }
        boolean pointwise = spec.kernelH == 1 && spec.kernelW == 1 && spec.strideH == 1 && spec.strideW == 1;
        IntStream gs = IntStream.range(0, groups);
        // many small groups (depthwise) parallelise across groups; one big group inside the multiply
        boolean acrossGroups = groups > 1;
        (acrossGroups ? gs.parallel() : gs).forEach(g -> {
            int wOff = g * outG * k;
            int outOff = g * outG * n;
            if (pointwise) {
                Sgemm.multiplyAdd(spec.weights, wOff, k, in, g * inG * h * w, h * w, out, outOff, n, outG, n, k,
                        !acrossGroups);
                return;
            }
            int rowsPerChunk = Math.max(1, Math.min(outH, COL_BUDGET / Math.max(1, k * outW)));
            float[] col = new float[k * rowsPerChunk * outW];
            for (int y0 = 0; y0 < outH; y0 += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, outH - y0);
                int chunkN = rows * outW;
                im2col(in, g * inG, inG, h, w, y0, rows, outW, col, chunkN);
                Sgemm.multiplyAdd(spec.weights, wOff, k, col, 0, chunkN, out, outOff + y0 * outW, n, outG, chunkN, k,
                        !acrossGroups);
            }
        });
        return out;
    }

    /** Fills col[(q*kh+ky)*kw+kx][(y-y0)*outW+x] for output rows y0 .. y0+rows-1. */
    private void im2col(float[] in, int q0, int inG, int h, int w, int y0, int rows, int outW, float[] col, int ldc) {
        int row = 0;
        for (int q = 0; q < inG; q++) {
            int plane = (q0 + q) * h * w;
            for (int ky = 0; ky < spec.kernelH; ky++) {
                for (int kx = 0; kx < spec.kernelW; kx++) {
                    int dst = row++ * ldc;
                    for (int y = 0; y < rows; y++) {
                        int src = plane + ((y0 + y) * spec.strideH + ky * spec.dilationH) * w + kx * spec.dilationW;
                        int d = dst + y * outW;
                        if (spec.strideW == 1) {
                            System.arraycopy(in, src, col, d, outW);
                        } else {
                            for (int x = 0; x < outW; x++) {
                                col[d + x] = in[src + x * spec.strideW];
                            }
                        }
                    }
                }
            }
        }
    }

    static void requireDims(Mat m, int dims) {
        if (m.dims() != dims) {
            throw new IllegalArgumentException("expects a " + dims + "-D input, got " + m.shapeString());
        }
    }
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;
import java.util.stream.IntStream;

/**
 * ncnn's Deconvolution, DeconvolutionDepthWise (any group count), Deconvolution1D and
 * DeconvolutionDepthWise1D. Each input pixel scatters kernel-weighted values into an output of
 * {@code (in - 1) * stride + kernel_extent + output_pad}; the fused activation is applied; then
 * the border is cut: the explicit pads, or, when output_w/output_h are set with -233 / -234 pads,
 * a SAME_UPPER / SAME_LOWER split of the excess down to that size.
 */
final class Deconvolution implements Layer {
    private final boolean oneD;
    private final boolean grouped;
    private ConvSpec spec;

    Deconvolution(boolean oneD, boolean grouped) {
        this.oneD = oneD;
        this.grouped = grouped;
    }

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        spec = new ConvSpec(params, oneD, grouped, true);
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
        Convolution.requireDims(input, oneD ? 2 : 3);
        int c = oneD ? input.h() : input.c();
        int h = oneD ? 1 : input.h();
        int w = input.w();
        if (c != spec.inputChannels()) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + c
                    + " channels but the weights expect " + spec.inputChannels());
        }
        int fullH = (h - 1) * spec.strideH + spec.kernelExtentH() + spec.outputPadBottom;
        int fullW = (w - 1) * spec.strideW + spec.kernelExtentW() + spec.outputPadRight;
        float[] full = scatter(input.data(), c, h, w, fullH, fullW);
        for (int i = 0; i < full.length; i++) {
            full[i] = spec.activation.apply(full[i]);
        }
        int[] cut = cut(fullH, fullW);
        int outH = fullH - cut[0] - cut[1];
        int outW = fullW - cut[2] - cut[3];
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("pads leave an empty output");
        }
        float[] out = new float[spec.numOutput * outH * outW];
        for (int p = 0; p < spec.numOutput; p++) {
            for (int y = 0; y < outH; y++) {
                System.arraycopy(full, (p * fullH + y + cut[0]) * fullW + cut[2], out, (p * outH + y) * outW, outW);
            }
        }
        return Mat.of(oneD ? new int[]{spec.numOutput, outW} : new int[]{spec.numOutput, outH, outW}, out);
    }

    private float[] scatter(float[] in, int c, int h, int w, int outH, int outW) {
        int groups = spec.group;
        int inG = c / groups;
        int outG = spec.numOutput / groups;
        int kh = spec.kernelH;
        int kw = spec.kernelW;
        float[] out = new float[spec.numOutput * outH * outW];
        IntStream.range(0, spec.numOutput).parallel().forEach(p -> {
            int g = p / outG;
            int ob = p * outH * outW;
            if (spec.bias != null) {
                java.util.Arrays.fill(out, ob, ob + outH * outW, spec.bias[p]);
            }
            for (int q = 0; q < inG; q++) {
                int ib = (g * inG + q) * h * w;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        float wv = spec.weights[((p * inG + q) * kh + ky) * kw + kx];
                        for (int y = 0; y < h; y++) {
                            int o = ob + (y * spec.strideH + ky * spec.dilationH) * outW + kx * spec.dilationW;
                            int i = ib + y * w;
                            for (int x = 0; x < w; x++) {
                                out[o + x * spec.strideW] += wv * in[i + x];
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    /** {top, bottom, left, right} to remove from the full output. */
    private int[] cut(int fullH, int fullW) {
        if (spec.padLeft > 0 || spec.padRight > 0 || spec.padTop > 0 || spec.padBottom > 0) {
            return new int[]{Math.max(spec.padTop, 0), Math.max(spec.padBottom, 0), Math.max(spec.padLeft, 0),
                    Math.max(spec.padRight, 0)};
        }
        if (spec.outputW > 0 && spec.outputH > 0) {
            int wcut = fullW - spec.outputW;
            int hcut = fullH - spec.outputH;
            if (anyPad(ConvSpec.SAME_UPPER)) {
                return new int[]{hcut / 2, hcut - hcut / 2, wcut / 2, wcut - wcut / 2};
            }
            if (anyPad(ConvSpec.SAME_LOWER)) {
                return new int[]{hcut - hcut / 2, hcut / 2, wcut - wcut / 2, wcut / 2};
            }
            throw new IllegalArgumentException("output_w/output_h are set but the pads are neither -233 nor -234;"
                    + " ncnn produces no output for this");
        }
        return new int[4];
    }

    private boolean anyPad(int v) {
        return spec.padLeft == v || spec.padRight == v || spec.padTop == v || spec.padBottom == v;
    }
}

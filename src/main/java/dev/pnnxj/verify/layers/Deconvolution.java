package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;
import java.util.stream.IntStream;

/**
 * ncnn's Deconvolution, DeconvolutionDepthWise (any group count) and their 1D and 3D forms. Each
 * input pixel scatters kernel-weighted values into an output of
 * {@code (in - 1) * stride + kernel_extent + output_pad} per axis; the fused activation is
 * applied; then the border is cut: the explicit pads, or, when the output size params are set
 * with -233 / -234 pads, a SAME_UPPER / SAME_LOWER split of the excess down to that size.
 */
final class Deconvolution implements Layer {
    private final int rank;
    private final boolean grouped;
    private ConvSpec spec;

    /** @param rank spatial axes: 1 for the 1D forms, 2 for the plain ones, 3 for the 3D ones */
    Deconvolution(int rank, boolean grouped) {
        this.rank = rank;
        this.grouped = grouped;
    }

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        spec = new ConvSpec(params, rank, grouped, true);
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
        Convolution.requireDims(input, rank + 1);
        int c = rank == 1 ? input.h() : input.c();
        int d = input.d();
        int h = rank == 1 ? 1 : input.h();
        int w = input.w();
        if (c != spec.inputChannels()) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + c
                    + " channels but the weights expect " + spec.inputChannels());
        }
        int fullD = (d - 1) * spec.strideD + spec.kernelExtentD() + spec.outputPadBehind;
        int fullH = (h - 1) * spec.strideH + spec.kernelExtentH() + spec.outputPadBottom;
        int fullW = (w - 1) * spec.strideW + spec.kernelExtentW() + spec.outputPadRight;
        float[] full = scatter(input.data(), c, d, h, w, fullD, fullH, fullW);
        for (int i = 0; i < full.length; i++) {
            full[i] = spec.activation.apply(full[i]);
        }
        int[] cut = cut(fullD, fullH, fullW);
        int outD = fullD - cut[4] - cut[5];
        int outH = fullH - cut[0] - cut[1];
        int outW = fullW - cut[2] - cut[3];
        if (outD <= 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("pads leave an empty output");
        }
        float[] out = new float[spec.numOutput * outD * outH * outW];
        for (int p = 0; p < spec.numOutput; p++) {
            for (int z = 0; z < outD; z++) {
                for (int y = 0; y < outH; y++) {
                    System.arraycopy(full, ((p * fullD + z + cut[4]) * fullH + y + cut[0]) * fullW + cut[2], out,
                            ((p * outD + z) * outH + y) * outW, outW);
                }
            }
        }
        return Mat.of(Convolution.outputShape(rank, spec.numOutput, outD, outH, outW), out);
    }

    private float[] scatter(float[] in, int c, int d, int h, int w, int outD, int outH, int outW) {
        int groups = spec.group;
        int inG = c / groups;
        int outG = spec.numOutput / groups;
        int kd = spec.kernelD;
        int kh = spec.kernelH;
        int kw = spec.kernelW;
        int outVolume = outD * outH * outW;
        float[] out = new float[spec.numOutput * outVolume];
        IntStream.range(0, spec.numOutput).parallel().forEach(p -> {
            int g = p / outG;
            int ob = p * outVolume;
            if (spec.bias != null) {
                java.util.Arrays.fill(out, ob, ob + outVolume, spec.bias[p]);
            }
            for (int q = 0; q < inG; q++) {
                int ib = (g * inG + q) * d * h * w;
                for (int kz = 0; kz < kd; kz++) {
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            float wv = spec.weights[(((p * inG + q) * kd + kz) * kh + ky) * kw + kx];
                            for (int z = 0; z < d; z++) {
                                int oz = z * spec.strideD + kz * spec.dilationD;
                                for (int y = 0; y < h; y++) {
                                    int o = ob + (oz * outH + y * spec.strideH + ky * spec.dilationH) * outW
                                            + kx * spec.dilationW;
                                    int i = ib + (z * h + y) * w;
                                    for (int x = 0; x < w; x++) {
                                        out[o + x * spec.strideW] += wv * in[i + x];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
        return out;
    }

    /** {top, bottom, left, right, front, behind} to remove from the full output. */
    private int[] cut(int fullD, int fullH, int fullW) {
        if (spec.padLeft > 0 || spec.padRight > 0 || spec.padTop > 0 || spec.padBottom > 0 || spec.padFront > 0
                || spec.padBehind > 0) {
            return new int[]{Math.max(spec.padTop, 0), Math.max(spec.padBottom, 0), Math.max(spec.padLeft, 0),
                    Math.max(spec.padRight, 0), Math.max(spec.padFront, 0), Math.max(spec.padBehind, 0)};
        }
        if (spec.outputW > 0 && spec.outputH > 0 && spec.outputD > 0) {
            int wcut = fullW - spec.outputW;
            int hcut = fullH - spec.outputH;
            int dcut = fullD - spec.outputD;
            if (anyPad(ConvSpec.SAME_UPPER)) {
                return new int[]{hcut / 2, hcut - hcut / 2, wcut / 2, wcut - wcut / 2, dcut / 2, dcut - dcut / 2};
            }
            if (anyPad(ConvSpec.SAME_LOWER)) {
                return new int[]{hcut - hcut / 2, hcut / 2, wcut - wcut / 2, wcut / 2, dcut - dcut / 2, dcut / 2};
            }
            throw new IllegalArgumentException((rank == 3 ? "output_w/output_h/output_d" : "output_w/output_h")
                    + " are set but the pads are neither -233 nor -234; ncnn produces no output for this");
        }
        return new int[6];
    }

    private boolean anyPad(int v) {
        return spec.padLeft == v || spec.padRight == v || spec.padTop == v || spec.padBottom == v
                || spec.padFront == v || spec.padBehind == v;
    }
}

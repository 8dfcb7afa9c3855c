package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ncnn's Convolution, ConvolutionDepthWise (any group count) and their 1D and 3D forms. The
 * input is padded with pad_value, unfolded per group into a [in/group * kd * kh * kw][outd * outh
 * * outw] matrix (im2col, in chunks of output rows to bound memory) and multiplied by the group's
 * weights; then the fused activation is applied. Like ncnn, Convolution with a 1x1 kernel on a
 * 1-D input acts as InnerProduct.
 */
final class Convolution implements Layer {
    /** Upper bound on floats in one im2col chunk. */
    private static final int COL_BUDGET = 1 << 22;

    private final int rank;
    private final boolean grouped;
    private ConvSpec spec;

    /** @param rank spatial axes: 1 for the 1D forms, 2 for the plain ones, 3 for the 3D ones */
    Convolution(int rank, boolean grouped) {
        this.rank = rank;
        this.grouped = grouped;
    }

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        spec = new ConvSpec(params, rank, grouped, false);
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
        if (rank == 2 && input.dims() == 1 && spec.kernelW == 1 && spec.kernelH == 1 && spec.group == 1) {
            return InnerProduct.apply(new Dense(spec.weights, spec.numOutput, spec.bias, spec.activation), input);
        }
        int c;
        int d = 1;
        int h = 1;
        int w = input.w();
        switch (rank) {
            case 1 -> {
                requireDims(input, 2);
                c = input.h();
            }
            case 2 -> {
                if (input.dims() != 3 && input.dims() != 2) {
                    throw new IllegalArgumentException("expects a 3-D (or single-channel 2-D) input, got "
                            + input.shapeString());
                }
                c = input.c();
                h = input.h();
            }
            default -> {
                requireDims(input, 4);
                c = input.c();
                d = input.d();
                h = input.h();
            }
        }
        if (c != spec.inputChannels()) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + c
                    + " channels but the weights expect " + spec.inputChannels());
        }
        int[] pad = spec.convPadding(d, h, w);
        float[] padded = Border.pad(input.data(), c, d, h, w, pad[4], pad[5], pad[0], pad[1], pad[2], pad[3],
                Border.CONSTANT, spec.padValue);
        int pd = d + pad[4] + pad[5];
        int ph = h + pad[0] + pad[1];
        int pw = w + pad[2] + pad[3];
        if (pd < spec.kernelExtentD() || ph < spec.kernelExtentH() || pw < spec.kernelExtentW()) {
            throw new IllegalArgumentException("padded input " + pd + "x" + ph + "x" + pw
                    + " is smaller than the kernel extent " + spec.kernelExtentD() + "x" + spec.kernelExtentH() + "x"
                    + spec.kernelExtentW());
        }
        int outD = (pd - spec.kernelExtentD()) / spec.strideD + 1;
        int outH = (ph - spec.kernelExtentH()) / spec.strideH + 1;
        int outW = (pw - spec.kernelExtentW()) / spec.strideW + 1;
        float[] out = convolve(padded, c, pd, ph, pw, outD, outH, outW);
        for (int i = 0; i < out.length; i++) {
            out[i] = spec.activation.apply(out[i]);
        }
        return Mat.of(outputShape(rank, spec.numOutput, outD, outH, outW), out);
    }

    /** [c, w] for 1D layers, [c, h, w] for 2-D ones, [c, d, h, w] for 3D ones. */
    static int[] outputShape(int rank, int c, int d, int h, int w) {
        return switch (rank) {
            case 1 -> new int[]{c, w};
            case 2 -> new int[]{c, h, w};
            default -> new int[]{c, d, h, w};
        };
    }

    private float[] convolve(float[] in, int c, int d, int h, int w, int outD, int outH, int outW) {
        int groups = spec.group;
        int inG = c / groups;
        int outG = spec.numOutput / groups;
        int volume = d * h * w;
        int outRows = outD * outH;
        int n = outRows * outW;
        int k = inG * spec.kernelSize();
        float[] out = new float[spec.numOutput * n];
        if (spec.bias != null) {
            for (int p = 0; p < spec.numOutput; p++) {
                Arrays.fill(out, p * n, (p + 1) * n, spec.bias[p]);
            }
        }
        boolean pointwise = spec.kernelSize() == 1 && spec.strideD == 1 && spec.strideH == 1 && spec.strideW == 1;
        IntStream gs = IntStream.range(0, groups);
        // many small groups (depthwise) parallelise across groups; one big group inside the multiply
        boolean acrossGroups = groups > 1;
        (acrossGroups ? gs.parallel() : gs).forEach(g -> {
            int wOff = g * outG * k;
            int outOff = g * outG * n;
            if (pointwise) {
                Sgemm.multiplyAdd(spec.weights, wOff, k, in, g * inG * volume, volume, out, outOff, n, outG, n, k,
                        !acrossGroups);
                return;
            }
            int rowsPerChunk = Math.max(1, Math.min(outRows, COL_BUDGET / Math.max(1, k * outW)));
            float[] col = new float[k * rowsPerChunk * outW];
            for (int r0 = 0; r0 < outRows; r0 += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, outRows - r0);
                int chunkN = rows * outW;
                im2col(in, g * inG, inG, d, h, w, r0, rows, outH, outW, col, chunkN);
                Sgemm.multiplyAdd(spec.weights, wOff, k, col, 0, chunkN, out, outOff + r0 * outW, n, outG, chunkN, k,
                        !acrossGroups);
            }
        });
        return out;
    }

    /**
     * Fills col[((q*kd+kz)*kh+ky)*kw+kx][(r-r0)*outW+x] for output rows r0 .. r0+rows-1, output
     * row r being depth r / outH, row r % outH.
     */
    private void im2col(float[] in, int q0, int inG, int d, int h, int w, int r0, int rows, int outH, int outW,
                        float[] col, int ldc) {
        int row = 0;
        for (int q = 0; q < inG; q++) {
            int vol = (q0 + q) * d * h * w;
            for (int kz = 0; kz < spec.kernelD; kz++) {
                for (int ky = 0; ky < spec.kernelH; ky++) {
                    for (int kx = 0; kx < spec.kernelW; kx++) {
                        int dst = row++ * ldc;
                        for (int r = 0; r < rows; r++) {
                            int z = (r0 + r) / outH;
                            int y = (r0 + r) % outH;
                            int src = vol + ((z * spec.strideD + kz * spec.dilationD) * h + y * spec.strideH
                                    + ky * spec.dilationH) * w + kx * spec.dilationW;
                            int dc = dst + r * outW;
                            if (spec.strideW == 1) {
                                System.arraycopy(in, src, col, dc, outW);
                            } else {
                                for (int x = 0; x < outW; x++) {
                                    col[dc + x] = in[src + x * spec.strideW];
                                }
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

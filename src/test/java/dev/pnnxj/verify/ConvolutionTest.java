package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConvolutionTest {
    private static final float TOL = 1e-5f;

    @Test
    void handComputed2x2Kernel() {
        // input 1x3x3 = 1..9, kernel [[1,0],[0,-1]], bias 10: out = 10 + x[y][x] - x[y+1][x+1] = 10 - 4 = 6
        Mat in = Mat.of(shape(1, 3, 3), Models.ramp(9, 1, 1));
        Mat out = run1("Convolution", "0=1 1=2 5=1 6=4", new Bin().flagged(1, 0, 0, -1).raw(10), in);
        Expect.exact(out, shape(1, 2, 2), 6, 6, 6, 6);
    }

    @Test
    void stridesDilationsPadsPadValueAndBiasMatchTheDirectFormula() {
        Naive.Conv g = new Naive.Conv(3, 7, 6, 4, 1, 3, 2, 2, 1, 1, 2, 1, 0, 2, 1);
        float[] in = random(3 * 7 * 6, 1);
        float[] w = random(g.weightCount(), 2);
        float[] b = random(4, 3);
        Mat out = run1("Convolution", "0=4 1=2 11=3 2=2 12=1 3=1 13=2 4=2 15=1 14=1 16=0 18=0.5 5=1 6="
                + g.weightCount(), new Bin().flagged(w).raw(b), Mat.of(shape(3, 7, 6), in));
        Expect.mat(out, shape(4, g.outH(), g.outW()), Naive.conv(g, in, w, b, 0.5f), TOL);
    }

    @Test
    void largeConvolutionUsesChunkedIm2colCorrectly() {
        Naive.Conv g = new Naive.Conv(16, 40, 37, 24, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        float[] in = random(16 * 40 * 37, 4);
        float[] w = random(g.weightCount(), 5);
        Mat out = run1("Convolution", "0=24 1=3 4=1 6=" + g.weightCount(), new Bin().flagged(w),
                Mat.of(shape(16, 40, 37), in));
        Expect.mat(out, shape(24, 40, 37), Naive.conv(g, in, w, null, 0f), 1e-4f);
    }

    @Test
    void pointwiseConvolution() {
        Naive.Conv g = new Naive.Conv(5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        float[] in = random(60, 6);
        float[] w = random(10, 7);
        Mat out = run1("Convolution", "0=2 1=1 6=10", new Bin().flagged(w), Mat.of(shape(5, 4, 3), in));
        Expect.mat(out, shape(2, 4, 3), Naive.conv(g, in, w, null, 0f), TOL);
    }

    @Test
    void samePaddingUpperAndLower() {
        // 5x5 input, 2x2 kernel, stride 2: pad total 1 -> upper puts it bottom/right, lower top/left
        float[] in = random(25, 8);
        float[] w = random(4, 9);
        Mat upper = run1("Convolution", "0=1 1=2 3=2 4=-233 6=4", new Bin().flagged(w), Mat.of(shape(1, 5, 5), in));
        Expect.mat(upper, shape(1, 3, 3), Naive.conv(new Naive.Conv(1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 0, 1, 0, 1), in,
                w, null, 0f), TOL);
        Mat lower = run1("Convolution", "0=1 1=2 3=2 4=-234 6=4", new Bin().flagged(w), Mat.of(shape(1, 5, 5), in));
        Expect.mat(lower, shape(1, 3, 3), Naive.conv(new Naive.Conv(1, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1, 0, 1, 0), in,
                w, null, 0f), TOL);
    }

    @Test
    void groupedAndDepthwise() {
        Naive.Conv grouped = new Naive.Conv(4, 5, 5, 6, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        float[] in = random(100, 10);
        float[] w = random(grouped.weightCount(), 11);
        float[] b = random(6, 12);
        Mat out = run1("ConvolutionDepthWise", "0=6 1=3 4=1 5=1 7=2 6=" + grouped.weightCount(),
                new Bin().flagged(w).raw(b), Mat.of(shape(4, 5, 5), in));
        Expect.mat(out, shape(6, 5, 5), Naive.conv(grouped, in, w, b, 0f), TOL);

        Naive.Conv dw = new Naive.Conv(4, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        float[] wd = random(36, 13);
        Mat dout = run1("ConvolutionDepthWise", "0=4 1=3 3=2 4=1 7=4 6=36", new Bin().flagged(wd),
                Mat.of(shape(4, 5, 5), in));
        Expect.mat(dout, shape(4, 3, 3), Naive.conv(dw, in, wd, null, 0f), TOL);
    }

    @Test
    void convolution1dIsConvolutionWithHeightOne() {
        Naive.Conv g = new Naive.Conv(3, 1, 9, 2, 1, 1, 3, 1, 2, 1, 2, 0, 0, 1, 2);
        float[] in = random(27, 14);
        float[] w = random(g.weightCount(), 15);
        float[] b = {0.5f, -0.5f};
        Mat out = run1("Convolution1D", "0=2 1=3 2=2 3=2 4=1 15=2 5=1 6=18", new Bin().flagged(w).raw(b),
                Mat.of(shape(3, 9), in));
        Expect.mat(out, shape(2, g.outW()), Naive.conv(g, in, w, b, 0f), TOL);

        Naive.Conv dw = new Naive.Conv(3, 1, 9, 3, 3, 1, 2, 1, 1, 1, 1, 0, 0, 0, 0);
        float[] wd = random(6, 16);
        Mat dout = run1("ConvolutionDepthWise1D", "0=3 1=2 7=3 6=6", new Bin().flagged(wd), Mat.of(shape(3, 9), in));
        Expect.mat(dout, shape(3, 8), Naive.conv(dw, in, wd, null, 0f), TOL);
    }

    @Test
    void oneByOneKernelOnAVectorActsAsInnerProduct() {
        Mat out = run1("Convolution", "0=2 1=1 5=1 6=6", new Bin().flagged(1, 2, 3, 0, 0, 1).raw(1, -1),
                Mat.vector(1, 1, 2));
        Expect.exact(out, shape(2), 1 + 1 + 2 + 6, -1 + 2);
    }

    @Test
    void fusedActivations() {
        // identity kernel 1x1 so the output is the input through the activation
        Mat in = Mat.of(shape(1, 1, 4), new float[]{-2f, -0.5f, 0.5f, 4f});
        Bin one = new Bin().flagged(1f);
        Expect.exact(run1("Convolution", "0=1 1=1 6=1 9=1", one, in), shape(1, 1, 4), 0f, 0f, 0.5f, 4f);
        Expect.exact(run1("Convolution", "0=1 1=1 6=1 9=2 -23310=1,0.1", new Bin().flagged(1f), in), shape(1, 1, 4),
                -0.2f, -0.05f, 0.5f, 4f);
        Expect.exact(run1("Convolution", "0=1 1=1 6=1 9=3 -23310=2,-1.0,1.0", new Bin().flagged(1f), in),
                shape(1, 1, 4), -1f, -0.5f, 0.5f, 1f);
        Expect.mat(run1("Convolution", "0=1 1=1 6=1 9=4", new Bin().flagged(1f), in), shape(1, 1, 4),
                Naive.map(in.data(), x -> 1 / (1 + Math.exp(-x))), 1e-6f);
        Expect.mat(run1("Convolution", "0=1 1=1 6=1 9=5", new Bin().flagged(1f), in), shape(1, 1, 4),
                Naive.map(in.data(), x -> x * Math.tanh(Math.log1p(Math.exp(x)))), 1e-6f);
        // hardswish alpha 1/6 beta 0.5: x * relu6(x + 3) / 6 for these inputs
        Expect.mat(run1("Convolution", "0=1 1=1 6=1 9=6 -23310=2,0.1666667,0.5", new Bin().flagged(1f), in),
                shape(1, 1, 4), Naive.map(in.data(), x -> x * Math.min(6, Math.max(0, x + 3)) / 6), 1e-6f);
    }

    @Test
    void activationParamsWrittenAsIntsAreReadAsFloatBits() {
        // a writer bug: "-23310=2,0,6" stores ints, which ncnn reads as the floats 0 and 8.4e-45
        Mat in = Mat.of(shape(1, 1, 2), new float[]{-1f, 3f});
        Mat out = run1("Convolution", "0=1 1=1 6=1 9=3 -23310=2,0,6", new Bin().flagged(1f), in);
        Expect.exact(out, shape(1, 1, 2), 0f, Float.intBitsToFloat(6));
    }

    @Test
    void fp16Weights() {
        Mat out = run1("Convolution", "0=1 1=2 11=1 6=2", new Bin().fp16(0.5f, -2f), Mat.of(shape(1, 1, 3),
                new float[]{1, 2, 3}));
        Expect.exact(out, shape(1, 1, 2), 0.5f - 4f, 1f - 6f);
    }

    @Test
    void channelMismatchIsReportedWithTheLayer() {
        ConversionException e = assertThrows(ConversionException.class, () -> run1("Convolution", "0=1 1=1 6=2",
                new Bin().flagged(1, 1), Mat.zeros(3, 2, 2)));
        assertEquals("test.param:4: layer 'layer' (Convolution): input [c=3 h=2 w=2] has 3 channels but the weights"
                + " expect 2", e.getMessage());
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeconvolutionTest {
    private static final float TOL = 1e-5f;

    @Test
    void handComputedStride2() {
        // 1x1x2 input [1, 2], kernel 1x2 [1, 10], stride 2: [1, 10, 2, 20]
        Mat out = run1("Deconvolution", "0=1 1=2 11=1 3=2 6=2", new Bin().flagged(1, 10), Mat.of(shape(1, 1, 2),
                new float[]{1, 2}));
        Expect.exact(out, shape(1, 1, 4), 1, 10, 2, 20);
    }

    @Test
    void stridesDilationsPadsOutputPadBiasAndActivation() {
        Naive.Conv g = new Naive.Conv(3, 4, 5, 2, 1, 3, 2, 2, 3, 1, 2, 1, 0, 2, 1);
        float[] in = random(60, 21);
        float[] w = random(g.weightCount(), 22);
        float[] b = random(2, 23);
        Mat out = run1("Deconvolution", "0=2 1=2 11=3 2=2 12=1 3=3 13=2 4=2 15=1 14=1 16=0 18=1 19=1 5=1 9=1 6="
                + g.weightCount(), new Bin().flagged(w).raw(b), Mat.of(shape(3, 4, 5), in));
        float[] expect = Naive.map(Naive.deconv(g, in, w, b, 1, 1), x -> Math.max(0, x));
        Expect.mat(out, shape(2, 9, 13), expect, TOL);
    }

    @Test
    void groupedDeconvolution() {
        Naive.Conv g = new Naive.Conv(4, 3, 3, 6, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0);
        float[] in = random(36, 24);
        float[] w = random(g.weightCount(), 25);
        Mat out = run1("DeconvolutionDepthWise", "0=6 1=2 3=2 7=2 6=" + g.weightCount(), new Bin().flagged(w),
                Mat.of(shape(4, 3, 3), in));
        Expect.mat(out, shape(6, 6, 6), Naive.deconv(g, in, w, null, 0, 0), TOL);
    }

    @Test
    void outputSizeWithSamePads() {
        // full output 7x7, requested 6x6: upper cuts bottom/right, lower cuts top/left
        float[] in = random(9, 26);
        float[] w = random(9, 27);
        Mat upper = run1("Deconvolution", "0=1 1=3 3=2 4=-233 20=6 21=6 6=9", new Bin().flagged(w),
                Mat.of(shape(1, 3, 3), in));
        Expect.mat(upper, shape(1, 6, 6), Naive.deconv(new Naive.Conv(1, 3, 3, 1, 1, 3, 3, 2, 2, 1, 1, 0, 1, 0, 1),
                in, w, null, 0, 0), TOL);
        Mat lower = run1("Deconvolution", "0=1 1=3 3=2 4=-234 20=6 21=6 6=9", new Bin().flagged(w),
                Mat.of(shape(1, 3, 3), in));
        Expect.mat(lower, shape(1, 6, 6), Naive.deconv(new Naive.Conv(1, 3, 3, 1, 1, 3, 3, 2, 2, 1, 1, 1, 0, 1, 0),
                in, w, null, 0, 0), TOL);
    }

    @Test
    void deconvolution1d() {
        Naive.Conv g = new Naive.Conv(2, 1, 4, 3, 1, 1, 3, 1, 2, 1, 1, 0, 0, 1, 1);
        float[] in = random(8, 28);
        float[] w = random(18, 29);
        Mat out = run1("Deconvolution1D", "0=3 1=3 3=2 4=1 6=18", new Bin().flagged(w), Mat.of(shape(2, 4), in));
        Expect.mat(out, shape(3, 7), Naive.deconv(g, in, w, null, 0, 0), TOL);
    }

    @Test
    void outputSizeWithoutSamePadsIsAnError() {
        ConversionException e = assertThrows(ConversionException.class, () -> run1("Deconvolution",
                "0=1 1=3 3=2 20=6 21=6 6=9", new Bin().flagged(new float[9]), Mat.zeros(1, 3, 3)));
        assertTrue(e.getMessage().endsWith("output_w/output_h are set but the pads are neither -233 nor -234;"
                + " ncnn produces no output for this"), e.getMessage());
    }
}

package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

/** ncnn's 3-D convolution, transposed convolution and pooling layers against direct loops. */
class Layers3DTest {
    private static final float TOL = 1e-5f;

    private static int[] dhw(int d, int h, int w) {
        return new int[]{d, h, w};
    }

    /** Kernel, dilation, stride and pad params of a (de)convolution, ids running w, h, d. */
    private static String window(Naive.Vol g) {
        return "0=" + g.outC() + " 1=" + g.k()[2] + " 11=" + g.k()[1] + " 21=" + g.k()[0]
                + " 2=" + g.dil()[2] + " 12=" + g.dil()[1] + " 22=" + g.dil()[0]
                + " 3=" + g.s()[2] + " 13=" + g.s()[1] + " 23=" + g.s()[0]
                + " 4=" + g.padBegin()[2] + " 15=" + g.padEnd()[2] + " 14=" + g.padBegin()[1] + " 16=" + g.padEnd()[1]
                + " 24=" + g.padBegin()[0] + " 17=" + g.padEnd()[0] + " 6=" + g.weightCount()
                + (g.group() > 1 ? " 7=" + g.group() : "");
    }

    private static Mat volume(Naive.Vol g, float[] data) {
        return Mat.of(shape(g.inC(), g.in()[0], g.in()[1], g.in()[2]), data);
    }

    @Test
    void convolution3DStridesDilationsAsymmetricPadsPadValueAndBias() {
        Naive.Vol g = new Naive.Vol(3, dhw(5, 6, 7), 4, 1, dhw(2, 3, 2), dhw(2, 1, 2), dhw(1, 2, 1), dhw(1, 0, 2),
                dhw(0, 1, 1));
        float[] in = random(3 * 5 * 6 * 7, 1);
        float[] w = random(g.weightCount(), 2);
        float[] b = random(4, 3);
        Mat out = run1("Convolution3D", window(g) + " 5=1 18=0.5", new Bin().flagged(w).raw(b), volume(g, in));
        Expect.mat(out, g.outShape(), Naive.conv3(g, in, w, b, 0.5f), TOL);
    }

    @Test
    void convolution3DDepthParamsDefaultToTheWOnesAndActivationIsFused() {
        Naive.Vol g = new Naive.Vol(2, dhw(4, 4, 4), 3, 1, dhw(3, 3, 3), dhw(1, 1, 1), dhw(1, 1, 1), dhw(1, 1, 1),
                dhw(1, 1, 1));
        float[] in = random(2 * 64, 4);
        float[] w = random(g.weightCount(), 5);
        Mat out = run1("Convolution3D", "0=3 1=3 4=1 9=1 6=" + g.weightCount(), new Bin().flagged(w), volume(g, in));
        Expect.mat(out, g.outShape(), Naive.map(Naive.conv3(g, in, w, null, 0f), v -> Math.max(v, 0)), TOL);
    }

    @Test
    void depthwiseAndGroupedConvolution3D() {
        Naive.Vol dw = new Naive.Vol(4, dhw(3, 5, 4), 4, 4, dhw(3, 2, 3), dhw(1, 2, 1), dhw(1, 1, 1), dhw(1, 0, 1),
                dhw(1, 0, 1));
        float[] in = random(4 * 60, 6);
        float[] w = random(dw.weightCount(), 7);
        float[] b = random(4, 8);
        Expect.mat(run1("ConvolutionDepthWise3D", window(dw) + " 5=1", new Bin().flagged(w).raw(b), volume(dw, in)),
                dw.outShape(), Naive.conv3(dw, in, w, b, 0f), TOL);
        Naive.Vol grouped = new Naive.Vol(4, dhw(3, 5, 4), 6, 2, dhw(2, 2, 2), dhw(1, 1, 1), dhw(2, 1, 1),
                dhw(0, 0, 0), dhw(0, 0, 0));
        float[] w2 = random(grouped.weightCount(), 9);
        Expect.mat(run1("ConvolutionDepthWise3D", window(grouped), new Bin().flagged(w2), volume(grouped, in)),
                grouped.outShape(), Naive.conv3(grouped, in, w2, null, 0f), TOL);
    }

    @Test
    void convolution3DSamePadsKeepTheOddDepthPadBehindEvenForSameLower() {
        // 4x4x4, kernel 2, stride 1: one pad per axis; SAME_LOWER puts it first on h and w but not on d
        float[] in = random(64, 10);
        float[] w = random(8, 11);
        Naive.Vol upper = new Naive.Vol(1, dhw(4, 4, 4), 1, 1, dhw(2, 2, 2), dhw(1, 1, 1), dhw(1, 1, 1),
                dhw(0, 0, 0), dhw(1, 1, 1));
        Naive.Vol lower = new Naive.Vol(1, dhw(4, 4, 4), 1, 1, dhw(2, 2, 2), dhw(1, 1, 1), dhw(1, 1, 1),
                dhw(0, 1, 1), dhw(1, 0, 0));
        Expect.mat(run1("Convolution3D", "0=1 1=2 4=-233 15=-233 14=-233 16=-233 24=-233 17=-233 6=8",
                new Bin().flagged(w), volume(upper, in)), upper.outShape(), Naive.conv3(upper, in, w, null, 0f), TOL);
        Expect.mat(run1("Convolution3D", "0=1 1=2 4=-234 15=-234 14=-234 16=-234 24=-234 17=-234 6=8",
                new Bin().flagged(w), volume(lower, in)), lower.outShape(), Naive.conv3(lower, in, w, null, 0f), TOL);
    }

    @Test
    void deconvolution3DStridesDilationPadsOutputPadAndBias() {
        Naive.Vol g = new Naive.Vol(3, dhw(3, 4, 2), 2, 1, dhw(2, 3, 3), dhw(2, 1, 2), dhw(1, 2, 1), dhw(1, 0, 1),
                dhw(0, 1, 1), dhw(1, 0, 1));
        float[] in = random(3 * 24, 12);
        float[] w = random(g.weightCount(), 13);
        float[] b = random(2, 14);
        Mat out = run1("Deconvolution3D", window(g) + " 5=1 18=1 19=0 20=1", new Bin().flagged(w).raw(b),
                volume(g, in));
        Expect.mat(out, g.deconvShape(), Naive.deconv3(g, in, w, b), TOL);
    }

    @Test
    void depthwiseDeconvolution3DAndOutputSizeWithSameUpper() {
        Naive.Vol dw = new Naive.Vol(2, dhw(2, 3, 3), 2, 2, dhw(2, 2, 3), dhw(2, 2, 2), dhw(1, 1, 1),
                dhw(0, 0, 0), dhw(0, 0, 0));
        float[] in = random(2 * 18, 15);
        float[] w = random(dw.weightCount(), 16);
        Expect.mat(run1("DeconvolutionDepthWise3D", window(dw), new Bin().flagged(w), volume(dw, in)),
                dw.deconvShape(), Naive.deconv3(dw, in, w, null), TOL);
        // full output 4x6x7 cut to 4x5x5 by SAME_UPPER: h loses its last row, w one column at each end
        Naive.Vol cut = new Naive.Vol(2, dhw(2, 3, 3), 2, 2, dhw(2, 2, 3), dhw(2, 2, 2), dhw(1, 1, 1),
                dhw(0, 0, 1), dhw(0, 1, 1));
        Expect.mat(run1("DeconvolutionDepthWise3D", window(dw).replaceAll(" (4|15|14|16|24|17)=0", " $1=-233")
                + " 25=5 26=5 27=4", new Bin().flagged(w), volume(dw, in)), cut.deconvShape(),
                Naive.deconv3(cut, in, w, null), TOL);
    }

    @Test
    void pooling3DMaxAndAverageWithPadsCountingThemOrNot() {
        Naive.Vol g = new Naive.Vol(2, dhw(4, 5, 6), 2, 1, dhw(2, 3, 2), dhw(2, 2, 1), dhw(1, 1, 1), dhw(1, 1, 0),
                dhw(1, 1, 1));
        float[] in = random(2 * 120, 17);
        String p = " 1=2 11=3 21=2 2=1 12=2 22=2 3=0 14=1 13=1 15=1 23=1 16=1 5=1";
        int[] os = {g.out(0), g.out(1), g.out(2)};
        int[] shape = shape(2, os[0], os[1], os[2]);
        Expect.mat(run1("Pooling3D", "0=0" + p, volume(g, in)), shape, Naive.pool3(g, in, os, true, false), TOL);
        Expect.mat(run1("Pooling3D", "0=1" + p, volume(g, in)), shape, Naive.pool3(g, in, os, false, false), TOL);
        Expect.mat(run1("Pooling3D", "0=1 6=1" + p, volume(g, in)), shape, Naive.pool3(g, in, os, false, true), TOL);
    }

    @Test
    void pooling3DFullModeAddsTailWindowsAveragedOverTheirInputCells() {
        // 5x5x5, kernel 2 stride 2: valid gives 2 per axis, full mode a third window over the last cell
        Naive.Vol g = new Naive.Vol(1, dhw(5, 5, 5), 1, 1, dhw(2, 2, 2), dhw(2, 2, 2), dhw(1, 1, 1), dhw(0, 0, 0),
                dhw(0, 0, 0));
        float[] in = random(125, 18);
        int[] os = {3, 3, 3};
        Expect.mat(run1("Pooling3D", "0=1 1=2 2=2 5=0", volume(g, in)), shape(1, 3, 3, 3),
                Naive.pool3(g, in, os, false, false), TOL);
        Expect.mat(run1("Pooling3D", "0=0 1=2 2=2 5=0", volume(g, in)), shape(1, 3, 3, 3),
                Naive.pool3(g, in, os, true, false), TOL);
    }

    @Test
    void pooling3DSameLowerKeepsTheOddDepthPadBehind() {
        Naive.Vol g = new Naive.Vol(1, dhw(4, 4, 4), 1, 1, dhw(2, 2, 2), dhw(1, 1, 1), dhw(1, 1, 1), dhw(0, 1, 1),
                dhw(1, 0, 0));
        float[] in = random(64, 19);
        Expect.mat(run1("Pooling3D", "0=0 1=2 2=1 5=3", volume(g, in)), shape(1, 4, 4, 4),
                Naive.pool3(g, in, new int[]{4, 4, 4}, true, false), TOL);
    }

    @Test
    void pooling3DGlobalAndAdaptive() {
        float[] in = random(2 * 3 * 4 * 5, 20);
        Mat x = Mat.of(shape(2, 3, 4, 5), in);
        float[] avg = new float[2];
        for (int i = 0; i < in.length; i++) {
            avg[i / 60] += in[i] / 60;
        }
        Expect.mat(run1("Pooling3D", "0=1 4=1", x), shape(2), avg, TOL);
        // adaptive to 1x1x1 is the global average; to 3x2x2 the windows split h and w in halves
        Expect.mat(run1("Pooling3D", "0=1 7=1 8=1", x), shape(2, 1, 1, 1), avg, TOL);
        Naive.Vol halves = new Naive.Vol(2, dhw(3, 4, 5), 2, 1, dhw(1, 2, 3), dhw(1, 2, 2), dhw(1, 1, 1),
                dhw(0, 0, 0), dhw(0, 0, 0));
        Expect.mat(run1("Pooling3D", "0=0 7=1 8=2 18=2 28=-233", x), shape(2, 3, 2, 2),
                Naive.pool3(halves, in, new int[]{3, 2, 2}, true, false), TOL);
    }
}

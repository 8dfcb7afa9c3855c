package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

class InterpTest {
    @Test
    void nearestByScaleAndBySize() {
        Mat x = Mat.of(shape(1, 2, 2), new float[]{1, 2, 3, 4});
        Expect.exact(run1("Interp", "0=1 1=2.0 2=2.0", x), shape(1, 4, 4), 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        Mat row = Mat.of(shape(1, 1, 3), new float[]{10, 20, 30});
        // size 5: source x = int(x * 3/5) = 0 0 1 1 2
        Expect.exact(run1("Interp", "0=1 3=1 4=5", row), shape(1, 1, 5), 10, 10, 20, 20, 30);
        // scale 2.5: out 5 wide (int(3 * 2.5) = 7 for w=3; use w=2): source int(x / 2.5) = 0 0 0 1 1
        Expect.exact(run1("Interp", "0=1 1=1.0 2=2.5", Mat.of(shape(1, 1, 2), new float[]{1, 2})), shape(1, 1, 5),
                1, 1, 1, 2, 2);
    }

    @Test
    void bilinearHalfPixelAndAlignCorners() {
        Mat x = Mat.of(shape(1, 1, 2), new float[]{0, 1});
        Expect.exact(run1("Interp", "0=2 3=1 4=4", x), shape(1, 1, 4), 0, 0.25f, 0.75f, 1);
        Expect.mat(run1("Interp", "0=2 3=1 4=4 6=1", x), shape(1, 1, 4), new float[]{0, 1f / 3, 2f / 3, 1}, 1e-6f);
        Mat sq = Mat.of(shape(1, 2, 2), new float[]{0, 1, 2, 3});
        Mat out = run1("Interp", "0=2 1=2.0 2=2.0 6=1", sq);
        // align corners 2 -> 4: positions 0, 1/3, 2/3, 1 on both axes; value = x + 2y
        float[] expect = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                expect[y * 4 + xx] = xx / 3f + 2 * (y / 3f);
            }
        }
        Expect.mat(out, shape(1, 4, 4), expect, 1e-6f);
    }

    private static double cubic(double t) {
        double a = -0.75;
        t = Math.abs(t);
        return t <= 1 ? (a + 2) * t * t * t - (a + 3) * t * t + 1
                : t < 2 ? a * t * t * t - 5 * a * t * t + 8 * a * t - 4 * a : 0;
    }

    /** Bicubic (A = -0.75) with clamped source indices, half-pixel or align-corner mapping. */
    private static float[] naiveBicubic(float[] x, int h, int w, int oh, int ow, boolean align) {
        float[] out = new float[oh * ow];
        for (int oy = 0; oy < oh; oy++) {
            double fy = align ? oy * (double) (h - 1) / (oh - 1) : (oy + 0.5) * h / oh - 0.5;
            int y0 = (int) Math.floor((float) fy);
            for (int ox = 0; ox < ow; ox++) {
                double fx = align ? ox * (double) (w - 1) / (ow - 1) : (ox + 0.5) * w / ow - 0.5;
                int x0 = (int) Math.floor((float) fx);
                double sum = 0;
                for (int j = -1; j <= 2; j++) {
                    for (int i = -1; i <= 2; i++) {
                        int sy = Math.max(0, Math.min(h - 1, y0 + j));
                        int sx = Math.max(0, Math.min(w - 1, x0 + i));
                        sum += x[sy * w + sx] * cubic((float) fy - (y0 + j)) * cubic((float) fx - (x0 + i));
                    }
                }
                out[oy * ow + ox] = (float) sum;
            }
        }
        return out;
    }

    @Test
    void bicubicMatchesClampedKernel() {
        float[] x = random(30, 41);
        Mat in = Mat.of(shape(1, 5, 6), x);
        Expect.mat(run1("Interp", "0=3 3=9 4=13", in), shape(1, 9, 13), naiveBicubic(x, 5, 6, 9, 13, false), 2e-5f);
        Expect.mat(run1("Interp", "0=3 3=8 4=4 6=1", in), shape(1, 8, 4), naiveBicubic(x, 5, 6, 8, 4, true), 2e-5f);
    }

    @Test
    void twoDimensionalInputResizesOnlyWidth() {
        Mat x = Mat.of(shape(2, 2), new float[]{0, 1, 10, 11});
        Expect.exact(run1("Interp", "0=2 1=3.0 2=2.0", x), shape(2, 4), 0, 0.25f, 0.75f, 1, 10, 10.25f, 10.75f, 11);
    }

    @Test
    void vectorInputBecomesConstantPlanes() {
        Expect.exact(run1("Interp", "0=1 3=2 4=1", Mat.vector(5, 6)), shape(2, 2, 1), 5, 5, 6, 6);
    }

    @Test
    void dynamicTargetSizeFromSecondInput() {
        Mat x = Mat.of(shape(1, 1, 2), new float[]{0, 1});
        Expect.exact(run1("Interp", "0=2 5=1", x, Mat.zeros(3, 1, 4)), shape(1, 1, 4), 0, 0.25f, 0.75f, 1);
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizationTest {
    /** (x - mean) / sqrt(var + eps) over x[from..from+n), biased variance. */
    private static float[] normalize(float[] x, int from, int n, double eps) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[from + i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (x[from + i] - mean) * (x[from + i] - mean);
        }
        var /= n;
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) ((x[from + i] - mean) / Math.sqrt(var + eps));
        }
        return y;
    }

    @Test
    void batchNormPerChannelOfEachRank() {
        Bin w = new Bin().raw(2, 1).raw(1, -1).raw(3, 0).raw(0.5f, 0);
        // slope 2,1; mean 1,-1; var 3,0; bias 0.5,0; eps 1: y = slope (x - mean) / sqrt(var + 1) + bias
        Mat chw = Mat.of(shape(2, 1, 2), new float[]{1, 3, -1, 1});
        Expect.exact(run1("BatchNorm", "0=2 1=1.0", w, chw), shape(2, 1, 2), 0.5f, 2.5f, 0, 2);
        Expect.exact(run1("BatchNorm", "0=2 1=1.0", new Bin().raw(2, 1).raw(1, -1).raw(3, 0).raw(0.5f, 0),
                Mat.vector(3, 0)), shape(2), 2.5f, 1);
        Expect.exact(run1("BatchNorm", "0=2 1=1.0", new Bin().raw(2, 1).raw(1, -1).raw(3, 0).raw(0.5f, 0),
                Mat.of(shape(2, 2), new float[]{1, 3, -1, 1})), shape(2, 2), 0.5f, 2.5f, 0, 2);
    }

    @Test
    void preluPerChannelAndShared() {
        Mat x = Mat.of(shape(2, 1, 2), new float[]{-1, 2, -3, 4});
        Expect.exact(run1("PReLU", "0=2", new Bin().raw(0.5f, 0.25f), x), shape(2, 1, 2), -0.5f, 2, -0.75f, 4);
        Expect.exact(run1("PReLU", "0=1", new Bin().raw(0.1f), x), shape(2, 1, 2), -0.1f, 2, -0.3f, 4);
    }

    @Test
    void layerNormOverWAndOverPlanes() {
        float[] x = random(24, 31);
        float[] gamma = random(4, 32);
        float[] beta = random(4, 33);
        Mat out = run1("LayerNorm", "0=4 1=0.00001", new Bin().raw(gamma).raw(beta), Mat.of(shape(2, 3, 4), x));
        float[] expect = new float[24];
        for (int r = 0; r < 6; r++) {
            float[] n = normalize(x, r * 4, 4, 1e-5);
            for (int i = 0; i < 4; i++) {
                expect[r * 4 + i] = n[i] * gamma[i] + beta[i];
            }
        }
        Expect.mat(out, shape(2, 3, 4), expect, 1e-5f);
        // affine_size = w*h on a 3-D blob normalises each channel plane; no affine
        Mat planes = run1("LayerNorm", "0=12 1=0.00001 2=0", Mat.of(shape(2, 3, 4), x));
        float[] e2 = new float[24];
        System.arraycopy(normalize(x, 0, 12, 1e-5), 0, e2, 0, 12);
        System.arraycopy(normalize(x, 12, 12, 1e-5), 0, e2, 12, 12);
        Expect.mat(planes, shape(2, 3, 4), e2, 1e-5f);
    }

    @Test
    void rmsNormOverWWithGammaAndOverWholeChannelsWithout() {
        float[] x = random(2 * 2 * 3 * 4, 35);
        float[] gamma = random(4, 36);
        // only gamma follows in the bin: RMSNorm has no beta
        Mat rows = run1("RMSNorm", "0=4 1=0.0001", new Bin().raw(gamma), Mat.of(shape(2, 2, 3, 4), x));
        Mat channels = run1("RMSNorm", "0=24 1=0.0001 2=0", Mat.of(shape(2, 2, 3, 4), x));
        float[] e1 = new float[x.length];
        float[] e2 = new float[x.length];
        for (int n : new int[]{4, 24}) {
            for (int from = 0; from < x.length; from += n) {
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    sq += (double) x[from + i] * x[from + i];
                }
                double scale = 1 / Math.sqrt(sq / n + 1e-4);
                for (int i = 0; i < n; i++) {
                    if (n == 4) {
                        e1[from + i] = (float) (x[from + i] * scale * gamma[i]);
                    } else {
                        e2[from + i] = (float) (x[from + i] * scale);
                    }
                }
            }
        }
        Expect.mat(rows, shape(2, 2, 3, 4), e1, 1e-5f);
        Expect.mat(channels, shape(2, 2, 3, 4), e2, 1e-5f);
    }

    @Test
    void groupNormAndInstanceNorm() {
        float[] x = random(4 * 3, 34);
        float[] gamma = {1, 2, 3, 4};
        float[] beta = {0, 1, 0, -1};
        Mat g = run1("GroupNorm", "0=2 1=4 2=0.001", new Bin().raw(gamma).raw(beta), Mat.of(shape(4, 1, 3), x));
        float[] expect = new float[12];
        for (int grp = 0; grp < 2; grp++) {
            float[] n = normalize(x, grp * 6, 6, 1e-3);
            for (int i = 0; i < 6; i++) {
                int c = grp * 2 + i / 3;
                expect[grp * 6 + i] = n[i] * gamma[c] + beta[c];
            }
        }
        Expect.mat(g, shape(4, 1, 3), expect, 1e-5f);

        Mat in = run1("InstanceNorm", "0=4 1=0.001", new Bin().raw(gamma).raw(beta), Mat.of(shape(4, 1, 3), x));
        float[] e2 = new float[12];
        for (int c = 0; c < 4; c++) {
            float[] n = normalize(x, c * 3, 3, 1e-3);
            for (int i = 0; i < 3; i++) {
                e2[c * 3 + i] = n[i] * gamma[c] + beta[c];
            }
        }
        Expect.mat(in, shape(4, 1, 3), e2, 1e-5f);
    }

    @Test
    void softmaxOnEachAxis() {
        Mat x = Mat.of(shape(2, 2), new float[]{0, 1, 2, 4});
        double e1 = Math.exp(1);
        Expect.mat(run1("Softmax", "0=1 1=1", x), shape(2, 2), new float[]{(float) (1 / (1 + e1)),
            (float) (e1 / (1 + e1)), (float) (1 / (1 + Math.exp(2))), (float) (Math.exp(2) / (1 + Math.exp(2)))}, 1e-6f);
        double e2 = Math.exp(2);
        double e3 = Math.exp(3);
        Expect.mat(run1("Softmax", "0=0", x), shape(2, 2), new float[]{(float) (1 / (1 + e2)), (float) (1 / (1 + e3)),
            (float) (e2 / (1 + e2)), (float) (e3 / (1 + e3))}, 1e-6f);
        Expect.mat(run1("Softmax", "0=-2 1=1", x), shape(2, 2), run1("Softmax", "0=0", x).data(), 0f);
    }

    @Test
    void softmaxWithoutFixbugIsRejectedLikeNcnn() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> run1("Softmax", "0=1", Mat.of(shape(2, 2), new float[4])));
        assertTrue(e.getMessage().endsWith("axis=1 without 1=1 (fixbug0): ncnn rejects this param as too old"));
    }

    @Test
    void reductions() {
        Mat x = Mat.of(shape(2, 3), new float[]{1, -2, 3, 4, 5, -6});
        // reduce_all by default
        Expect.exact(run1("Reduction", "0=0", x), shape(1), 5);
        Expect.exact(run1("Reduction", "0=0 1=0 -23303=1,1 4=0 5=1", x), shape(2), 2, 3);
        Expect.exact(run1("Reduction", "0=0 1=0 -23303=1,0 4=1 5=1", x), shape(1, 3), 5, 3, -3);
        Expect.exact(run1("Reduction", "0=1 1=0 -23303=1,-1 5=1", x), shape(2), 6, 15);
        Expect.exact(run1("Reduction", "0=2 1=0 -23303=1,1 5=1", x), shape(2), 14, 77);
        Expect.exact(run1("Reduction", "0=3 1=0 -23303=1,1 5=1", x), shape(2), 2f / 3, 1);
        Expect.exact(run1("Reduction", "0=4 1=0 -23303=1,1 5=1", x), shape(2), 3, 5);
        Expect.exact(run1("Reduction", "0=5 1=0 -23303=1,1 5=1", x), shape(2), -2, -6);
        Expect.exact(run1("Reduction", "0=6 1=0 -23303=1,1 5=1", x), shape(2), -6, -120);
        Expect.exact(run1("Reduction", "0=7 1=0 -23303=1,1 5=1", x), shape(2), 6, 15);
        Expect.mat(run1("Reduction", "0=8 1=0 -23303=1,1 5=1", x), shape(2),
                new float[]{(float) Math.sqrt(14), (float) Math.sqrt(77)}, 1e-6f);
        Expect.mat(run1("Reduction", "0=9 1=0 -23303=1,0 5=1", Mat.of(shape(2, 2), new float[]{1, 2, 3, 4})),
                shape(2), new float[]{(float) Math.log(4), (float) Math.log(6)}, 1e-6f);
        Expect.mat(run1("Reduction", "0=10 1=0 -23303=1,1 5=1", Mat.of(shape(1, 2), new float[]{0, 1})), shape(1),
                new float[]{(float) Math.log(1 + Math.E)}, 1e-6f);
        // coeff scales the result; mean divides it by the reduced count
        Expect.exact(run1("Reduction", "0=0 2=2.0", x), shape(1), 10);
        Expect.exact(run1("Reduction", "0=3 2=3.0 1=0 -23303=2,0,1 4=1 5=1", x), shape(1, 1), 2.5f);
    }

    @Test
    void reductionOver3dAnd4dAxes() {
        Mat x = Mat.of(shape(2, 2, 2, 2), Models.ramp(16, 0, 1));
        // reduce d (axis 1) of [c, d, h, w]: keeps [c, h, w]
        Expect.exact(run1("Reduction", "0=0 1=0 -23303=1,1 5=1", x), shape(2, 2, 2), 4, 6, 8, 10, 20, 22, 24, 26);
        Expect.exact(run1("Reduction", "0=4 1=0 -23303=2,0,3 4=1 5=1", x), shape(1, 2, 2, 1), 9, 11, 13, 15);
    }

    @Test
    void reductionAxesWithoutFixbugAreRejected() {
        assertTrue(assertThrows(ConversionException.class, () -> run1("Reduction", "0=0 1=0 -23303=1,0",
                Mat.vector(1))).getMessage().endsWith("axes without 5=1 (fixbug0): ncnn rejects this param as too old"));
    }
}

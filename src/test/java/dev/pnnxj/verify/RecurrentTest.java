package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.runLayer;
import static dev.pnnxj.verify.Models.shape;

class RecurrentTest {
    private static final int T = 4;
    private static final int SIZE = 3;

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** sum_i W[row][i] * v[i] for W stored [rows][cols] at offset base. */
    private static double dot(float[] w, int base, int row, int cols, double[] v) {
        double s = 0;
        for (int i = 0; i < cols; i++) {
            s += w[base + row * cols + i] * v[i];
        }
        return s;
    }

    private static double[] row(float[] x, int t, int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[t * n + i];
        }
        return r;
    }

    /** One direction of an LSTM with optional projection; fills out[t][off..off+n) and returns {h, c}. */
    private static double[][] lstm(float[] x, float[] wx, float[] b, float[] wh, float[] wr, int dir, int hidden,
                                   int n, boolean reverse, double[] h, double[] c, float[] out, int stride, int off) {
        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            double[] xt = row(x, t, SIZE);
            double[] cell = new double[hidden];
            for (int q = 0; q < hidden; q++) {
                double[] g = new double[4];
                for (int k = 0; k < 4; k++) {
                    int r = k * hidden + q;
                    g[k] = b[dir * 4 * hidden + r] + dot(wx, dir * 4 * hidden * SIZE, r, SIZE, xt)
                            + dot(wh, dir * 4 * hidden * n, r, n, h);
                }
                c[q] = sig(g[1]) * c[q] + sig(g[0]) * Math.tanh(g[3]);
                cell[q] = sig(g[2]) * Math.tanh(c[q]);
            }
            for (int q = 0; q < n; q++) {
                h[q] = wr == null ? cell[q] : dot(wr, dir * n * hidden, q, hidden, cell);
                out[t * stride + off + q] = (float) h[q];
            }
        }
        return new double[][]{h, c};
    }

    @Test
    void bidirectionalLstmWithStateInputsAndOutputs() {
        int n = 2;
        float[] x = random(T * SIZE, 71);
        float[] wx = random(2 * 4 * n * SIZE, 72);
        float[] b = random(2 * 4 * n, 73);
        float[] wh = random(2 * 4 * n * n, 74);
        float[] h0 = random(2 * n, 75);
        float[] c0 = random(2 * n, 76);
        List<Mat> out = runLayer("LSTM", "0=2 1=" + wx.length + " 2=2", new Bin().flagged(wx).flagged(b).flagged(wh), 3,
                Mat.of(shape(T, SIZE), x), Mat.of(shape(2, n), h0), Mat.of(shape(2, n), c0));
        float[] expect = new float[T * 2 * n];
        float[] hs = new float[2 * n];
        float[] cs = new float[2 * n];
        for (int d = 0; d < 2; d++) {
            double[] h = {h0[d * n], h0[d * n + 1]};
            double[] c = {c0[d * n], c0[d * n + 1]};
            lstm(x, wx, b, wh, null, d, n, n, d == 1, h, c, expect, 2 * n, d * n);
            for (int q = 0; q < n; q++) {
                hs[d * n + q] = (float) h[q];
                cs[d * n + q] = (float) c[q];
            }
        }
        Expect.mat(out.get(0), shape(T, 2 * n), expect, 1e-5f);
        Expect.mat(out.get(1), shape(2, n), hs, 1e-5f);
        Expect.mat(out.get(2), shape(2, n), cs, 1e-5f);
    }

    @Test
    void reverseLstmWithProjection() {
        int hidden = 3;
        int n = 2;
        float[] x = random(T * SIZE, 77);
        float[] wx = random(4 * hidden * SIZE, 78);
        float[] b = random(4 * hidden, 79);
        float[] wh = random(4 * hidden * n, 80);
        float[] wr = random(n * hidden, 81);
        Mat out = runLayer("LSTM", "0=2 1=" + wx.length + " 2=1 3=3",
                new Bin().flagged(wx).flagged(b).flagged(wh).flagged(wr), 1, Mat.of(shape(T, SIZE), x)).get(0);
        float[] expect = new float[T * n];
        lstm(x, wx, b, wh, wr, 0, hidden, n, true, new double[n], new double[hidden], expect, n, 0);
        Expect.mat(out, shape(T, n), expect, 1e-5f);
    }

    @Test
    void gruLinearBeforeReset() {
        int n = 2;
        float[] x = random(T * SIZE, 82);
        float[] wx = random(3 * n * SIZE, 83);
        float[] b = random(4 * n, 84);
        float[] wh = random(3 * n * n, 85);
        List<Mat> out = runLayer("GRU", "0=2 1=" + wx.length, new Bin().flagged(wx).flagged(b).flagged(wh), 2,
                Mat.of(shape(T, SIZE), x));
        float[] expect = new float[T * n];
        double[] h = new double[n];
        for (int t = 0; t < T; t++) {
            double[] xt = row(x, t, SIZE);
            double[] next = new double[n];
            for (int q = 0; q < n; q++) {
                double r = sig(b[q] + dot(wx, 0, q, SIZE, xt) + dot(wh, 0, q, n, h));
                double u = sig(b[n + q] + dot(wx, 0, n + q, SIZE, xt) + dot(wh, 0, n + q, n, h));
                double c = Math.tanh(b[2 * n + q] + dot(wx, 0, 2 * n + q, SIZE, xt)
                        + r * (b[3 * n + q] + dot(wh, 0, 2 * n + q, n, h)));
                next[q] = (1 - u) * c + u * h[q];
            }
            h = next;
            for (int q = 0; q < n; q++) {
                expect[t * n + q] = (float) h[q];
            }
        }
        Expect.mat(out.get(0), shape(T, n), expect, 1e-5f);
        Expect.mat(out.get(1), shape(1, n), new float[]{(float) h[0], (float) h[1]}, 1e-5f);
    }

    @Test
    void rnnTanh() {
        int n = 2;
        float[] x = random(T * SIZE, 86);
        float[] wx = random(n * SIZE, 87);
        float[] b = random(n, 88);
        float[] wh = random(n * n, 89);
        Mat out = runLayer("RNN", "0=2 1=" + wx.length, new Bin().flagged(wx).flagged(b).flagged(wh), 1,
                Mat.of(shape(T, SIZE), x)).get(0);
        float[] expect = new float[T * n];
        double[] h = new double[n];
        for (int t = 0; t < T; t++) {
            double[] xt = row(x, t, SIZE);
            double[] next = new double[n];
            for (int q = 0; q < n; q++) {
                next[q] = Math.tanh(b[q] + dot(wx, 0, q, SIZE, xt) + dot(wh, 0, q, n, h));
            }
            h = next;
            expect[t * n] = (float) h[0];
            expect[t * n + 1] = (float) h[1];
        }
        Expect.mat(out, shape(T, n), expect, 1e-5f);
    }
}

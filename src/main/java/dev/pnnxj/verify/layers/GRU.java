package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's GRU (see {@link Recurrent}). Weights, each one type-0 load covering all directions:
 * W_x [dir][3 * num_output][size], bias [dir][4][num_output], W_h [dir][3 * num_output][num_output].
 * Gate blocks are R, U, N; bias rows are R, U, N-input, N-hidden (linear-before-reset):
 * r = sigmoid(W_xr x + W_hr h + b_r), u likewise, n = tanh(W_xn x + b_xn + r (W_hn h + b_hn)),
 * h = (1 - u) n + u h.
 */
final class GRU extends Recurrent {
    private int size;
    private float[] wx;
    private float[] bias;
    private float[] wh;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        super.loadParams(p, bottoms, tops);
        size = inputSize(3 * numOutput);
    }

    @Override
    int[] stateLengths() {
        return new int[]{numOutput};
    }

    @Override
    public void loadWeights(WeightReader r) {
        wx = r.load(directions * 3 * numOutput * size, 0);
        bias = r.load(directions * 4 * numOutput, 0);
        wh = r.load(directions * 3 * numOutput * numOutput, 0);
    }

    @Override
    void run(int dir, float[] x, int steps, int inSize, boolean reverse, float[][] states, float[] out, int outStride,
             int outOffset) {
        if (inSize != size) {
            throw new IllegalArgumentException("input width " + inSize + " differs from the weights' " + size);
        }
        int n = numOutput;
        float[] h = states[0];
        int wxBase = dir * 3 * n * size;
        int whBase = dir * 3 * n * n;
        int bBase = dir * 4 * n;
        float[] u = new float[n];
        float[] cand = new float[n];
        for (int t = 0; t < steps; t++) {
            int ti = reverse ? steps - 1 - t : t;
            int xo = ti * size;
            for (int q = 0; q < n; q++) {
                float r = rowDot(wx, wxBase, q, size, x, xo, bias[bBase + q]);
                r = MathF.sigmoidUnclamped(rowDot(wh, whBase, q, n, h, 0, r));
                float z = rowDot(wx, wxBase, n + q, size, x, xo, bias[bBase + n + q]);
                u[q] = MathF.sigmoidUnclamped(rowDot(wh, whBase, n + q, n, h, 0, z));
                float hn = rowDot(wh, whBase, 2 * n + q, n, h, 0, bias[bBase + 3 * n + q]);
                float c = bias[bBase + 2 * n + q] + r * hn;
                cand[q] = MathF.tanh(rowDot(wx, wxBase, 2 * n + q, size, x, xo, c));
            }
            for (int q = 0; q < n; q++) {
                h[q] = (1 - u[q]) * cand[q] + u[q] * h[q];
                out[ti * outStride + outOffset + q] = h[q];
            }
        }
    }
}

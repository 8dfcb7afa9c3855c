package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's RNN (see {@link Recurrent}): h = tanh(W_x x + b + W_h h). Weights, each one type-0 load
 * covering all directions: W_x [dir][num_output][size], bias [dir][num_output],
 * W_h [dir][num_output][num_output].
 */
final class RNN extends Recurrent {
    private int size;
    private float[] wx;
    private float[] bias;
    private float[] wh;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        super.loadParams(p, bottoms, tops);
        size = inputSize(numOutput);
    }

    @Override
    int[] stateLengths() {
        return new int[]{numOutput};
    }

    @Override
    public void loadWeights(WeightReader r) {
        wx = r.load(directions * numOutput * size, 0);
        bias = r.load(directions * numOutput, 0);
        wh = r.load(directions * numOutput * numOutput, 0);
    }

    @Override
    void run(int dir, float[] x, int steps, int inSize, boolean reverse, float[][] states, float[] out, int outStride,
             int outOffset) {
        if (inSize != size) {
            throw new IllegalArgumentException("input width " + inSize + " differs from the weights' " + size);
        }
        int n = numOutput;
        float[] h = states[0];
        float[] next = new float[n];
        for (int t = 0; t < steps; t++) {
            int ti = reverse ? steps - 1 - t : t;
            for (int q = 0; q < n; q++) {
                float v = rowDot(wx, dir * n * size, q, size, x, ti * size, bias[dir * n + q]);
                next[q] = MathF.tanh(rowDot(wh, dir * n * n, q, n, h, 0, v));
            }
            System.arraycopy(next, 0, h, 0, n);
            System.arraycopy(next, 0, out, ti * outStride + outOffset, n);
        }
    }
}

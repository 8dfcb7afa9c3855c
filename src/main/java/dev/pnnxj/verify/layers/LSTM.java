package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.LSTM.*;

import dev.pnnxj.ncnn.layer.RNN;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's LSTM (see {@link Recurrent}); param 3 hidden_size (default num_output; when smaller the
 * cell output is projected to num_output). Weights, each one type-0 load covering all directions:
 * W_x [dir][4 * hidden][size], bias [dir][4][hidden], W_h [dir][4 * hidden][num_output], and when
 * hidden_size != num_output W_proj [dir][num_output][hidden]. Gate blocks are ordered I, F, O, G:
 * c = sigmoid(F) c + sigmoid(I) tanh(G), h = sigmoid(O) tanh(c) (then projected).
 */
final class LSTM extends Recurrent {
    private int hidden;
    private int size;
    private float[] wx;
    private float[] bias;
    private float[] wh;
    private float[] proj;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        hidden = p.getInt(HIDDEN_SIZE, p.getInt(RNN.NUM_OUTPUT, 0));
        super.loadParams(p, bottoms, tops);
        size = inputSize(4 * hidden);
    }

    @Override
    int[] stateLengths() {
        return new int[]{numOutput, hidden};
    }

    @Override
    public void loadWeights(WeightReader r) {
        wx = r.load(directions * 4 * hidden * size, 0);
        bias = r.load(directions * 4 * hidden, 0);
        wh = r.load(directions * 4 * hidden * numOutput, 0);
        proj = hidden != numOutput ? r.load(directions * numOutput * hidden, 0) : null;
    }

    @Override
    void run(int dir, float[] x, int steps, int inSize, boolean reverse, float[][] states, float[] out, int outStride,
             int outOffset) {
        if (inSize != size) {
            throw new IllegalArgumentException("input width " + inSize + " differs from the weights' " + size);
        }
        float[] h = states[0];
        float[] c = states[1];
        int wxBase = dir * 4 * hidden * size;
        int whBase = dir * 4 * hidden * numOutput;
        int bBase = dir * 4 * hidden;
        float[] gates = new float[4 * hidden];
        float[] cellOut = new float[hidden];
        for (int t = 0; t < steps; t++) {
            int ti = reverse ? steps - 1 - t : t;
            for (int g = 0; g < 4 * hidden; g++) {
                float v = rowDot(wx, wxBase, g, size, x, ti * size, bias[bBase + g]);
                gates[g] = rowDot(wh, whBase, g, numOutput, h, 0, v);
            }
            for (int q = 0; q < hidden; q++) {
                float i = MathF.sigmoidUnclamped(gates[q]);
                float f = MathF.sigmoidUnclamped(gates[hidden + q]);
                float o = MathF.sigmoidUnclamped(gates[2 * hidden + q]);
                float g = MathF.tanh(gates[3 * hidden + q]);
                c[q] = f * c[q] + i * g;
                cellOut[q] = o * MathF.tanh(c[q]);
            }
            for (int q = 0; q < numOutput; q++) {
                h[q] = proj == null ? cellOut[q] : rowDot(proj, dir * numOutput * hidden, q, hidden, cellOut, 0, 0f);
                out[ti * outStride + outOffset + q] = h[q];
            }
        }
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.LRN.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's LRN across channels (region_type 0): y = x * (bias + alpha / local_size * Σ x²)^-beta,
 * the sum over channels q - local_size/2 .. q + local_size/2 that exist. Params 1 local_size
 * (default 5), 2 alpha (1), 3 beta (0.75), 4 bias (1).
 */
final class LRN extends SingleInputLayer {
    private int size;
    private float alpha;
    private float beta;
    private float bias;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        if (p.getInt(REGION_TYPE, 0) != 0) {
            throw new IllegalArgumentException("LRN within a channel (region_type 1) is not supported by the reference"
                    + " executor");
        }
        size = p.getInt(LOCAL_SIZE, 5);
        alpha = p.getFloat(ALPHA, 1f);
        beta = p.getFloat(BETA, 0.75f);
        bias = p.getFloat(BIAS, 1f);
    }

    @Override
    Mat forward(Mat in) {
        Convolution.requireDims(in, 3);
        int c = in.c();
        int plane = in.total() / c;
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int q = 0; q < c; q++) {
            for (int i = 0; i < plane; i++) {
                float sum = 0f;
                for (int p = Math.max(0, q - size / 2); p <= Math.min(c - 1, q + size / 2); p++) {
                    float v = x[p * plane + i];
                    sum += v * v;
                }
                out[q * plane + i] = x[q * plane + i] * (float) Math.pow(bias + alpha / size * sum, -beta);
            }
        }
        return Mat.of(in.shape(), out);
    }
}

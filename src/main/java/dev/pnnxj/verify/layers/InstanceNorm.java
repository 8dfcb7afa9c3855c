package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.InstanceNorm.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's InstanceNorm: param 0 channels, 1 eps (default 0.001), 2 affine; gamma and beta per
 * channel (type 1). Each channel (c; a blob below 3-D is one channel) is normalised over its own
 * elements: y = x*a + b, a = gamma/sqrt(var+eps), b = beta - mean*a.
 */
final class InstanceNorm extends AffineNorm {
    private int channels;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        channels = p.getInt(CHANNELS, 0);
        eps = p.getFloat(EPS, 0.001f);
        affine = p.getInt(AFFINE, 1) != 0;
    }

    @Override
    int affineSize() {
        return channels;
    }

    @Override
    Mat forward(Mat in) {
        int c = in.c();
        if (affine && c > channels) {
            throw new IllegalArgumentException("input " + in.shapeString() + " has more channels than " + channels);
        }
        int size = in.total() / c;
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int q = 0; q < c; q++) {
            int base = q * size;
            float sum = 0f;
            for (int i = 0; i < size; i++) {
                sum += x[base + i];
            }
            float mean = sum / size;
            float sq = 0f;
            for (int i = 0; i < size; i++) {
                float t = x[base + i] - mean;
                sq += t * t;
            }
            float var = sq / size;
            float root = (float) Math.sqrt(var + eps);
            float a = affine ? gamma[q] / root : 1f / root;
            float b = affine ? -mean * a + beta[q] : -mean * a;
            for (int i = 0; i < size; i++) {
                out[base + i] = x[base + i] * a + b;
            }
        }
        return Mat.of(in.shape(), out);
    }
}

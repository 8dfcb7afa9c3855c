package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.GroupNorm.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's GroupNorm: param 0 group, 1 channels, 2 eps (default 0.001), 3 affine; gamma and beta
 * per channel (type 1). Channels are w for 1-D, h for 2-D, c otherwise; each group of
 * channels/group consecutive channels is normalised together.
 */
final class GroupNorm extends AffineNorm {
    private int group;
    private int channels;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        group = p.getInt(GROUP, 1);
        channels = p.getInt(CHANNELS, 0);
        eps = p.getFloat(EPS, 0.001f);
        affine = p.getInt(AFFINE, 1) != 0;
        if (group <= 0 || channels % group != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by group " + group);
        }
    }

    @Override
    int affineSize() {
        return channels;
    }

    @Override
    Mat forward(Mat in) {
        PerChannel.requireChannels(in, channels);
        int size = in.channelSize();
        int perGroup = channels / group;
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int g = 0; g < group; g++) {
            int base = g * perGroup * size;
            float[] ab = Normalization.coefficients(x, base, perGroup, size, size, eps);
            for (int q = g * perGroup; q < (g + 1) * perGroup; q++) {
                for (int i = q * size; i < (q + 1) * size; i++) {
                    float v = x[i] * ab[0] + ab[1];
                    out[i] = affine ? v * gamma[q] + beta[q] : v;
                }
            }
        }
        return Mat.of(in.shape(), out);
    }
}

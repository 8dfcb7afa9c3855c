package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.BatchNorm.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's BatchNorm: param 0 channels, 1 eps; weights slope, mean, var, bias (type 1 each).
 * y = b*x + a per channel (w for 1-D, h for 2-D, c otherwise) with b = slope/sqrt(var+eps) and
 * a = bias - slope*mean/sqrt(var+eps), a zero root replaced by 0.0001 as ncnn does.
 */
final class BatchNorm extends SingleInputLayer {
    private int channels;
    private float eps;
    private float[] a;
    private float[] b;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        channels = p.getInt(CHANNELS, 0);
        eps = p.getFloat(EPS, 0f);
    }

    @Override
    public void loadWeights(WeightReader r) {
        float[] slope = r.load(channels, 1);
        float[] mean = r.load(channels, 1);
        float[] var = r.load(channels, 1);
        float[] bias = r.load(channels, 1);
        a = new float[channels];
        b = new float[channels];
        for (int i = 0; i < channels; i++) {
            float root = (float) Math.sqrt(var[i] + eps);
            if (root == 0f) {
                root = 0.0001f;
            }
            a[i] = bias[i] - slope[i] * mean[i] / root;
            b[i] = slope[i] / root;
        }
    }

    @Override
    Mat forward(Mat in) {
        PerChannel.requireChannels(in, channels);
        float[] out = new float[in.total()];
        float[] x = in.data();
        int size = in.channelSize();
        for (int q = 0; q < channels; q++) {
            for (int i = q * size; i < (q + 1) * size; i++) {
                out[i] = b[q] * x[i] + a[q];
            }
        }
        return Mat.of(in.shape(), out);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.PReLU.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's PReLU: param 0 num_slope; slopes (type 1) per channel (w for 1-D, h for 2-D, c
 * otherwise), or one shared slope when num_slope is 1.
 */
final class PReLU extends SingleInputLayer {
    private int numSlope;
    private float[] slope;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numSlope = p.getInt(NUM_SLOPE, 0);
    }

    @Override
    public void loadWeights(WeightReader r) {
        slope = r.load(numSlope, 1);
    }

    @Override
    Mat forward(Mat in) {
        if (numSlope > 1) {
            PerChannel.requireChannels(in, numSlope);
        }
        float[] out = new float[in.total()];
        float[] x = in.data();
        int size = in.channelSize();
        for (int i = 0; i < out.length; i++) {
            float s = numSlope > 1 ? slope[i / size] : slope[0];
            out[i] = x[i] < 0 ? x[i] * s : x[i];
        }
        return Mat.of(in.shape(), out);
    }
}

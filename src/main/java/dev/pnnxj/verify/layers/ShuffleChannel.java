package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.ShuffleChannel.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's ShuffleChannel: channels viewed as [group][c/group] are transposed to [c/group][group];
 * param 1 reverse uses c/group groups instead, undoing the shuffle.
 */
final class ShuffleChannel extends SingleInputLayer {
    private int group;
    private boolean reverse;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        group = p.getInt(GROUP, 1);
        reverse = p.getInt(REVERSE, 0) != 0;
    }

    @Override
    Mat forward(Mat in) {
        int c = in.c();
        if (group <= 0 || c % group != 0) {
            throw new IllegalArgumentException(c + " channels are not divisible by group " + group);
        }
        int groups = reverse ? c / group : group;
        int perGroup = c / groups;
        int size = in.total() / c;
        float[] out = new float[in.total()];
        for (int i = 0; i < groups; i++) {
            for (int j = 0; j < perGroup; j++) {
                System.arraycopy(in.data(), (perGroup * i + j) * size, out, (groups * j + i) * size, size);
            }
        }
        return Mat.of(in.shape(), out);
    }
}

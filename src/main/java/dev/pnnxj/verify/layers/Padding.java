package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Padding.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

/**
 * ncnn's Padding: params 0 top, 1 bottom, 2 left, 3 right, 7 front, 8 behind, 4 type (0 constant,
 * 1 replicate, 2 reflect), 5 value, 6 per_channel_pad_data_size (then one constant per channel is
 * loaded, type 1). left/right pad w; top/bottom pad h (2-D and up); front/behind pad c of a 3-D
 * blob and d of a 4-D blob. Per-channel constants apply to 3-D and 4-D blobs, indexed by the
 * output channel.
 */
final class Padding extends SingleInputLayer {
    private int top;
    private int bottom;
    private int left;
    private int right;
    private int front;
    private int behind;
    private int type;
    private float value;
    private int perChannelSize;
    private float[] perChannel;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        top = p.getInt(TOP, 0);
        bottom = p.getInt(BOTTOM, 0);
        left = p.getInt(LEFT, 0);
        right = p.getInt(RIGHT, 0);
        type = p.getInt(PAD_TYPE, 0);
        value = p.getFloat(VALUE, 0f);
        perChannelSize = p.getInt(PER_CHANNEL_PAD_DATA_SIZE, 0);
        front = p.getInt(FRONT, 0);
        behind = p.getInt(BEHIND, 0);
        if (top < 0 || bottom < 0 || left < 0 || right < 0 || front < 0 || behind < 0) {
            throw new IllegalArgumentException("negative padding is not supported");
        }
        if (type < 0 || type > 2) {
            throw new IllegalArgumentException("unknown padding type " + type);
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        if (perChannelSize != 0) {
            perChannel = r.load(perChannelSize, 1);
        }
    }

    @Override
    Mat forward(Mat in) {
        int n = in.dims();
        if (top == 0 && bottom == 0 && left == 0 && right == 0 && front == 0 && behind == 0) {
            return in;
        }
        int[] before = new int[n];
        int[] after = new int[n];
        before[n - 1] = left;
        after[n - 1] = right;
        if (n >= 2) {
            before[n - 2] = top;
            after[n - 2] = bottom;
        }
        if (n >= 3) {
            // c for 3-D, d for 4-D
            before[n - 3] = front;
            after[n - 3] = behind;
        }
        int[] shape = in.shape();
        int[] outShape = new int[n];
        int[][] source = new int[n][];
        for (int a = 0; a < n; a++) {
            outShape[a] = shape[a] + before[a] + after[a];
            source[a] = new int[outShape[a]];
            for (int i = 0; i < outShape[a]; i++) {
                source[a][i] = Border.source(i - before[a], shape[a], type);
            }
        }
        boolean perChannelValues = perChannel != null && n >= 3;
        if (perChannelValues && perChannel.length < outShape[0]) {
            throw new IllegalArgumentException("per_channel_pad_data_size " + perChannel.length + " is less than the "
                    + outShape[0] + " output channels");
        }
        int total = 1;
        for (int s : outShape) {
            total *= s;
        }
        float[] out = new float[total];
        float[] src = in.data();
        int[] idx = new int[n];
        for (int o = 0; o < total; o++) {
            int s = 0;
            boolean constant = false;
            for (int a = 0; a < n; a++) {
                int si = source[a][idx[a]];
                constant |= si < 0;
                s = s * shape[a] + Math.max(si, 0);
            }
            out[o] = constant ? (perChannelValues ? perChannel[idx[0]] : value) : src[s];
            for (int a = n - 1; a >= 0; a--) {
                if (++idx[a] < outShape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return Mat.of(outShape, out);
    }
}

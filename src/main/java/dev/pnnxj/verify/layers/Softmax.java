package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Softmax.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Softmax along param 0 axis (ncnn numbering, negative from the end; ignored for 1-D).
 * ncnn refuses a non-zero axis unless param 1 (fixbug0) is set, because old files meant a
 * different axis; so does this executor.
 */
final class Softmax extends SingleInputLayer {
    private int axis;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axis = p.getInt(AXIS, 0);
        if (p.getInt(FIXBUG0, 0) == 0 && axis != 0) {
            throw new IllegalArgumentException("axis=" + axis + " without 1=1 (fixbug0): ncnn rejects this param as"
                    + " too old");
        }
    }

    @Override
    Mat forward(Mat in) {
        int a = in.dims() == 1 ? 0 : AxisBlocks.axis(axis, in.dims());
        AxisBlocks b = AxisBlocks.of(in, a);
        float[] out = in.data().clone();
        softmax(out, b);
        return Mat.of(in.shape(), out);
    }

    /** In-place softmax of every [outer][.][inner] line of {@code x}. */
    static void softmax(float[] x, AxisBlocks b) {
        int n = b.extent();
        int inner = b.inner();
        for (int o = 0; o < b.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = -Float.MAX_VALUE;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                float sum = 0f;
                for (int k = 0; k < n; k++) {
                    float e = (float) Math.exp(x[base + k * inner] - max);
                    x[base + k * inner] = e;
                    sum += e;
                }
                for (int k = 0; k < n; k++) {
                    x[base + k * inner] /= sum;
                }
            }
        }
    }
}

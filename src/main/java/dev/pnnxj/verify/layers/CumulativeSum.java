package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.CumulativeSum.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's CumulativeSum: param 0 axis (ncnn numbering, negative from the end; ignored on a 1-D
 * blob). Each element becomes the inclusive running sum along the axis, added front to back.
 */
final class CumulativeSum extends SingleInputLayer {
    private int axis;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axis = p.getInt(AXIS, 0);
    }

    @Override
    Mat forward(Mat in) {
        AxisBlocks b = AxisBlocks.of(in, in.dims() == 1 ? 0 : AxisBlocks.axis(axis, in.dims()));
        float[] out = in.data().clone();
        for (int o = 0; o < b.outer(); o++) {
            int base = o * b.extent() * b.inner();
            for (int i = 1; i < b.extent(); i++) {
                for (int k = 0; k < b.inner(); k++) {
                    int at = base + i * b.inner() + k;
                    out[at] += out[at - b.inner()];
                }
            }
        }
        return Mat.of(in.shape(), out);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.ExpandDims.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's ExpandDims: param 3 axes, positions in the output (negative counted from the output's
 * end) where an extent of 1 is inserted.
 */
final class ExpandDims extends SingleInputLayer {
    private int[] axes;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axes = p.getInts(AXES);
    }

    @Override
    Mat forward(Mat in) {
        int outDims = in.dims() + axes.length;
        if (outDims > 4) {
            throw new IllegalArgumentException("expanding " + in.shapeString() + " by " + axes.length
                    + " axes exceeds 4 dims");
        }
        boolean[] inserted = new boolean[outDims];
        for (int a : axes) {
            int axis = a < 0 ? a + outDims : a;
            if (axis < 0 || axis >= outDims || inserted[axis]) {
                throw new IllegalArgumentException("invalid or repeated axis " + a + " for " + outDims + " output dims");
            }
            inserted[axis] = true;
        }
        int[] shape = new int[outDims];
        int src = 0;
        for (int i = 0; i < outDims; i++) {
            shape[i] = inserted[i] ? 1 : in.extent(src++);
        }
        return in.reshape(shape);
    }
}

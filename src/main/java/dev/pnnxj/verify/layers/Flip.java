package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Flip.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Flip: reverses the blob along each axis listed in param 0 (axes outermost first, counted
 * in the blob's own dims, negative from the end). A 1-D blob is reversed whatever the axes say,
 * as ncnn does; no axes leave the blob unchanged.
 */
final class Flip extends SingleInputLayer {
    private int[] axes;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axes = p.getInts(AXES);
    }

    @Override
    Mat forward(Mat in) {
        int[] shape = in.shape();
        int dims = shape.length;
        boolean[] flip = new boolean[dims];
        for (int a : axes) {
            int axis = a < 0 ? a + dims : a;
            if (axis < 0 || axis >= dims) {
                throw new IllegalArgumentException("flip axis " + a + " of a " + dims + "-D blob");
            }
            flip[axis] = true;
        }
        if (dims == 1 && axes.length > 0) {
            flip[0] = true;
        }
        int[] strides = new int[dims];
        int stride = 1;
        for (int i = dims - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        float[] src = in.data();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            int from = 0;
            for (int k = 0; k < dims; k++) {
                int c = i / strides[k] % shape[k];
                from += (flip[k] ? shape[k] - 1 - c : c) * strides[k];
            }
            out[i] = src[from];
        }
        return Mat.of(shape, out);
    }
}

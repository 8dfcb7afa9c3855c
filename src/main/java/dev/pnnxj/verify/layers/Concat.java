package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Concat.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/** ncnn's Concat along param 0 axis (ncnn numbering, negative from the end; 1-D blobs ignore it). */
final class Concat implements Layer {
    private int axis;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        axis = p.getInt(AXIS, 0);
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat first = inputs.get(0);
        int a = first.dims() == 1 ? 0 : AxisBlocks.axis(axis, first.dims());
        int[] shape = first.shape();
        int total = 0;
        for (Mat m : inputs) {
            int[] s = m.shape();
            if (s.length != shape.length) {
                throw new IllegalArgumentException("cannot concat " + first.shapeString() + " with " + m.shapeString());
            }
            for (int i = 0; i < s.length; i++) {
                if (i != a && s[i] != shape[i]) {
                    throw new IllegalArgumentException("cannot concat " + first.shapeString() + " with "
                            + m.shapeString() + " along axis " + a);
                }
            }
            total += s[a];
        }
        shape[a] = total;
        AxisBlocks ob = AxisBlocks.of(first, a);
        float[] out = new float[ob.outer() * total * ob.inner()];
        int at = 0;
        for (Mat m : inputs) {
            int chunk = m.extent(a) * ob.inner();
            for (int o = 0; o < ob.outer(); o++) {
                System.arraycopy(m.data(), o * chunk, out, o * total * ob.inner() + at, chunk);
            }
            at += chunk;
        }
        return List.of(Mat.of(shape, out));
    }
}

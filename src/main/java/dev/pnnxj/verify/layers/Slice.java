package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Slice.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * ncnn's Slice along param 1 axis into one piece per top: param 0 slices gives each piece's
 * length (-233 = an even share of what is left), or param 2 indices gives the end of each piece
 * but the last (negative from the end); the last piece takes the rest. 1-D blobs ignore the axis.
 */
final class Slice implements Layer {
    private int[] slices;
    private int[] indices;
    private int axis;
    private int tops;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        slices = p.getInts(SLICES);
        axis = p.getInt(AXIS, 0);
        indices = p.getInts(INDICES);
        this.tops = tops;
        if (indices.length == 0 && slices.length != tops) {
            throw new IllegalArgumentException("slices (param 0) has " + slices.length + " entries for " + tops
                    + " tops");
        }
        if (indices.length != 0 && indices.length < tops - 1) {
            throw new IllegalArgumentException("indices (param 2) has " + indices.length + " entries for " + tops
                    + " tops");
        }
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        int a = in.dims() == 1 ? 0 : AxisBlocks.axis(axis, in.dims());
        AxisBlocks b = AxisBlocks.of(in, a);
        int n = b.extent();
        List<Mat> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tops; i++) {
            int len;
            if (indices.length != 0) {
                len = i == tops - 1 ? n - start : (indices[i] < 0 ? n + indices[i] : indices[i]) - start;
            } else {
                len = slices[i] == -233 ? (n - start) / (tops - i) : slices[i];
            }
            if (len <= 0 || start + len > n) {
                throw new IllegalArgumentException("piece " + i + " of length " + len + " at " + start
                        + " does not fit axis " + a + " of " + in.shapeString());
            }
            float[] piece = new float[b.outer() * len * b.inner()];
            for (int o = 0; o < b.outer(); o++) {
                System.arraycopy(in.data(), (o * n + start) * b.inner(), piece, o * len * b.inner(), len * b.inner());
            }
            int[] shape = in.shape();
            shape[a] = len;
            out.add(Mat.of(shape, piece));
            start += len;
        }
        return out;
    }
}

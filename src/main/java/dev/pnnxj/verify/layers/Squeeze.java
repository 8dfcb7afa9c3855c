package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Squeeze.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * ncnn's Squeeze: either the flags 0 squeeze_w, 1 squeeze_h, 11 squeeze_d, 2 squeeze_c, or
 * param 3 axes (ncnn axis numbers, negative from the end). Only extents equal to 1 are removed;
 * removing every axis leaves a 1-D blob of one element.
 */
final class Squeeze extends SingleInputLayer {
    private boolean w;
    private boolean h;
    private boolean d;
    private boolean c;
    private int[] axes;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        w = p.getInt(SQUEEZE_W, 0) != 0;
        h = p.getInt(SQUEEZE_H, 0) != 0;
        d = p.getInt(SQUEEZE_D, 0) != 0;
        c = p.getInt(SQUEEZE_C, 0) != 0;
        axes = p.getInts(AXES);
    }

    @Override
    Mat forward(Mat in) {
        int n = in.dims();
        boolean[] drop = new boolean[n];
        if (axes.length == 0) {
            String names = n == 1 ? "w" : n == 2 ? "hw" : n == 3 ? "chw" : "cdhw";
            for (int i = 0; i < n; i++) {
                char a = names.charAt(i);
                drop[i] = a == 'w' ? w : a == 'h' ? h : a == 'd' ? d : c;
            }
        } else {
            for (int a : axes) {
                int axis = a < 0 ? a + n : a;
                if (axis < 0 || axis >= n) {
                    throw new IllegalArgumentException("axis " + a + " is out of range for " + in.shapeString());
                }
                drop[axis] = true;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(drop[i] && in.extent(i) == 1)) {
                kept.add(in.extent(i));
            }
        }
        if (kept.isEmpty()) {
            kept.add(1);
        }
        return in.reshape(kept.stream().mapToInt(Integer::intValue).toArray());
    }
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Mat;

/**
 * A Mat seen as [outer][axis][inner] around one ncnn axis (outermost first), the view Concat,
 * Slice, Softmax and friends work in.
 */
record AxisBlocks(int outer, int extent, int inner) {
    static AxisBlocks of(Mat m, int axis) {
        int[] s = m.shape();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        return new AxisBlocks(outer, s[axis], inner);
    }

    /** Resolves a possibly negative ncnn axis against {@code dims}. */
    static int axis(int axis, int dims) {
        int a = axis < 0 ? axis + dims : axis;
        if (a < 0 || a >= dims) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for a " + dims + "-D blob");
        }
        return a;
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Crop.*;

import dev.pnnxj.ncnn.layer.Param;
import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's Crop in its three forms. Numpy style: params 9 starts, 10 ends, 11 axes (default 0..n-1);
 * -233 means the axis start or end, negatives count from the end, and an end of 0 means the end.
 * Offset style: 0/1/13/2 w/h/d/c offsets, 3/4/14/5 output sizes (-233 = the rest, the size is
 * capped by what is left), 6/7/15/8 offsets from the far side. Reference style (two inputs): sizes
 * from the second blob's shape, offsets from params. Expression params (19-21) are rejected.
 */
final class Crop implements Layer {
    private LayerParams p;
    private int[] starts;
    private int[] ends;
    private int[] axes;

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        p = params;
        starts = params.getInts(STARTS);
        ends = params.getInts(ENDS);
        axes = params.getInts(AXES);
        if (params.has(STARTS_EXPR) || params.has(ENDS_EXPR) || params.has(AXES_EXPR)) {
            throw new IllegalArgumentException("Crop expressions (params 19-21) are not supported");
        }
        if (numpyStyle() && (starts.length != ends.length || (axes.length != 0 && axes.length != starts.length))) {
            throw new IllegalArgumentException("Crop starts/ends/axes have different lengths");
        }
    }

    private boolean numpyStyle() {
        return starts.length != 0 && ends.length != 0;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        int n = in.dims();
        int[] shape = in.shape();
        int[] offset = new int[n];
        int[] size = shape.clone();
        if (numpyStyle()) {
            for (int i = 0; i < starts.length; i++) {
                int axis = AxisBlocks.axis(axes.length == 0 ? i : axes[i], n);
                int extent = shape[axis];
                int start = starts[i] == -233 ? 0 : starts[i];
                int end = ends[i] == -233 ? extent : ends[i];
                offset[axis] = start >= 0 ? start : extent + start;
                size[axis] = Math.min(extent, end > 0 ? end : extent + end) - offset[axis];
            }
        } else {
            String names = n == 1 ? "w" : n == 2 ? "hw" : n == 3 ? "chw" : "cdhw";
            Mat ref = inputs.size() > 1 ? inputs.get(1) : null;
            if (ref != null && p.getInt(WOFFSET, 0) == -233) {
                throw new IllegalArgumentException("Crop with crop parameters in a blob (woffset=-233) is not supported");
            }
            for (int i = 0; i < n; i++) {
                char a = names.charAt(i);
                offset[i] = p.getInt(id(a, 0), 0);
                if (ref == null) {
                    size[i] = shape[i] - offset[i] - p.getInt(id(a, 2), 0);
                    int out = p.getInt(id(a, 1), 0);
                    if (out != -233) {
                        size[i] = Math.min(out, size[i]);
                    }
                } else {
                    size[i] = a == 'c' && ref.dims() != n ? shape[i] : refExtent(ref, a);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (offset[i] < 0 || size[i] <= 0 || offset[i] + size[i] > shape[i]) {
                throw new IllegalArgumentException("crop of " + size[i] + " at " + offset[i] + " on axis " + i
                        + " does not fit " + in.shapeString());
            }
        }
        return List.of(crop(in, offset, size));
    }

    /** ncnn's param id for axis a: kind 0 offset, 1 output size, 2 far-side offset. */
    /** The axis's offset (kind 0), out size (1) or end offset (2) param. */
    private static Param.Int id(char a, int kind) {
        return switch (a) {
            case 'w' -> new Param.Int[]{WOFFSET, OUTW, WOFFSET2}[kind];
            case 'h' -> new Param.Int[]{HOFFSET, OUTH, HOFFSET2}[kind];
            case 'd' -> new Param.Int[]{DOFFSET, OUTD, DOFFSET2}[kind];
            default -> new Param.Int[]{COFFSET, OUTC, COFFSET2}[kind];
        };
    }

    private static int refExtent(Mat ref, char a) {
        return switch (a) {
            case 'w' -> ref.w();
            case 'h' -> ref.h();
            case 'd' -> ref.d();
            default -> ref.c();
        };
    }

    /** The block of {@code in} starting at offset with the given size, axes outermost first. */
    static Mat crop(Mat in, int[] offset, int[] size) {
        int n = in.dims();
        int[] shape = in.shape();
        int total = 1;
        for (int s : size) {
            total *= s;
        }
        float[] out = new float[total];
        float[] src = in.data();
        int rowLen = size[n - 1];
        int[] idx = new int[n - 1];
        for (int o = 0; o < total; o += rowLen) {
            int s = 0;
            for (int a = 0; a < n - 1; a++) {
                s = (s + offset[a] + idx[a]) * shape[a + 1];
            }
            System.arraycopy(src, s + offset[n - 1], out, o, rowLen);
            for (int a = n - 2; a >= 0; a--) {
                if (++idx[a] < size[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return Mat.of(size, out);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Reshape.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Reshape: params 0 w, 1 h, 11 d, 2 c (-233 = absent). The result is 1-D with only w,
 * 2-D with w and h, 3-D with w, h and c, 4-D when d is set too. 0 keeps the input's
 * extent on that ncnn axis (w, h, d or c), -1 takes what is left. Shape expressions (param 6),
 * batch axes (12/13) and the old permute flag (3), which current ncnn ignores, are rejected.
 */
final class Reshape extends SingleInputLayer {
    private static final int ABSENT = -233;
    private int w;
    private int h;
    private int d;
    private int c;
    private int ndim;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        w = p.getInt(W, ABSENT);
        h = p.getInt(H, ABSENT);
        d = p.getInt(D, ABSENT);
        c = p.getInt(C, ABSENT);
        ndim = w == ABSENT ? 0 : h == ABSENT ? 1 : c == ABSENT ? 2 : d == ABSENT ? 3 : 4;
        if (ndim == 0) {
            throw new IllegalArgumentException("Reshape without w (param 0) is not supported");
        }
        if (p.has(SHAPE_EXPR)) {
            throw new IllegalArgumentException("Reshape shape expressions (param 6) are not supported");
        }
        if (p.getInt(INPUT_BATCH_AXIS, 233) != 233 || p.getInt(OUTPUT_BATCH_AXIS, 233) != 233) {
            throw new IllegalArgumentException("Reshape batch axes (params 12/13) are not supported");
        }
        if (p.getInt(PERMUTE, 0) != 0) {
            throw new IllegalArgumentException("Reshape permute=1 (param 3) is ignored by current ncnn;"
                    + " emit a Permute instead");
        }
    }

    @Override
    Mat forward(Mat in) {
        int total = in.total();
        int ow = w == 0 ? in.w() : w;
        int oh = h == 0 ? in.h() : h;
        int od = d == 0 ? in.d() : d;
        int oc = c == 0 ? in.c() : c;
        int[] shape;
        switch (ndim) {
            case 1:
                shape = new int[]{ow == -1 ? total : ow};
                break;
            case 2:
                if (ow == -1) {
                    ow = total / oh;
                }
                if (oh == -1) {
                    oh = total / ow;
                }
                shape = new int[]{oh, ow};
                break;
            case 3:
                if (ow == -1) {
                    ow = total / oc / oh;
                }
                if (oh == -1) {
                    oh = total / oc / ow;
                }
                if (oc == -1) {
                    oc = total / oh / ow;
                }
                shape = new int[]{oc, oh, ow};
                break;
            default:
                if (ow == -1) {
                    ow = total / oc / od / oh;
                }
                if (oh == -1) {
                    oh = total / oc / od / ow;
                }
                if (od == -1) {
                    od = total / oc / oh / ow;
                }
                if (oc == -1) {
                    oc = total / od / oh / ow;
                }
                shape = new int[]{oc, od, oh, ow};
        }
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != total) {
            throw new IllegalArgumentException("cannot reshape " + in.shapeString() + " (" + total + " values) to "
                    + java.util.Arrays.toString(shape));
        }
        return in.reshape(shape);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Reorg.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's Reorg (space to depth): [c, h, w] to [c*s*s, h/s, w/s] with param 0 stride s. Output
 * channel of source channel q at sub-position (sh, sw): mode 0 q*s*s + sh*s + sw, mode 1 (ONNX
 * SpaceToDepth) (sh*s + sw)*c + q. Rows and columns past a multiple of s are dropped.
 */
final class Reorg extends SingleInputLayer {
    private int s;
    private int mode;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        s = p.getInt(STRIDE, 1);
        mode = p.getInt(MODE, 0);
    }

    @Override
    Mat forward(Mat in) {
        Convolution.requireDims(in, 3);
        int c = in.c();
        int h = in.h();
        int w = in.w();
        int oh = h / s;
        int ow = w / s;
        float[] src = in.data();
        float[] out = new float[c * s * s * oh * ow];
        for (int q = 0; q < c; q++) {
            for (int sh = 0; sh < s; sh++) {
                for (int sw = 0; sw < s; sw++) {
                    int p = mode == 0 ? q * s * s + sh * s + sw : (sh * s + sw) * c + q;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            out[(p * oh + i) * ow + j] = src[(q * h + i * s + sh) * w + j * s + sw];
                        }
                    }
                }
            }
        }
        return Mat.of(new int[] {c * s * s, oh, ow}, out);
    }
}

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.PixelShuffle.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's PixelShuffle: [c, h, w] to [c/r^2, h*r, w*r] with param 0 upscale_factor r. Param 1 mode
 * picks the source channel of output channel p, sub-position (sh, sw): mode 0 (PyTorch, ONNX
 * DepthToSpace CRD) p*r*r + sh*r + sw, mode 1 (DepthToSpace DCR) (sh*r + sw)*outc + p.
 */
final class PixelShuffle extends SingleInputLayer {
    private int r;
    private int mode;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        r = p.getInt(UPSCALE_FACTOR, 1);
        mode = p.getInt(MODE, 0);
    }

    @Override
    Mat forward(Mat in) {
        Convolution.requireDims(in, 3);
        int c = in.c();
        int h = in.h();
        int w = in.w();
        if (r <= 0 || c % (r * r) != 0) {
            throw new IllegalArgumentException(c + " channels are not divisible by upscale_factor^2 = " + r * r);
        }
        int outc = c / (r * r);
        int ow = w * r;
        int oh = h * r;
        float[] src = in.data();
        float[] out = new float[src.length];
        for (int p = 0; p < outc; p++) {
            for (int sh = 0; sh < r; sh++) {
                for (int sw = 0; sw < r; sw++) {
                    int q = mode == 0 ? p * r * r + sh * r + sw : (sh * r + sw) * outc + p;
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            out[(p * oh + i * r + sh) * ow + j * r + sw] = src[(q * h + i) * w + j];
                        }
                    }
                }
            }
        }
        return Mat.of(new int[]{outc, oh, ow}, out);
    }
}

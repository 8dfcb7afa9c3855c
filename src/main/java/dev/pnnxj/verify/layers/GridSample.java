package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.GridSample.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's GridSample of a 3-D blob [c,h,w] at a grid [outh, outw, 2] (x then y, normalised to
 * [-1, 1]), or of a 4-D blob [c,d,h,w] at a grid [outd, outh, outw, 3] (bilinear is then trilinear):
 * param 0 sample_type (1 bilinear, 2 nearest, 3 bicubic with A = -0.75), 1 padding_mode
 * (1 zeros, 2 border, 3 reflection), 2 align_corner; permute_fusion (3) must be 0. Computed as ncnn
 * does, which differs from PyTorch at the edges of its domain: nearest rounds halves up (PyTorch
 * rounds them to even), and reflection folds a coordinate once (PyTorch folds it any number of
 * times), so only grids within three image widths of the centre reflect alike.
 */
final class GridSample implements Layer {
    private static final int BILINEAR = 1;
    private static final int NEAREST = 2;
    private static final int BORDER = 2;
    private static final int REFLECTION = 3;

    private int sampleType;
    private int paddingMode;
    private boolean alignCorner;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        sampleType = p.getInt(SAMPLE_TYPE, 1);
        paddingMode = p.getInt(PADDING_MODE, 1);
        alignCorner = p.getInt(ALIGN_CORNER, 0) != 0;
        if (sampleType < 1 || sampleType > 3 || paddingMode < 1 || paddingMode > 3) {
            throw new IllegalArgumentException("unsupported sample_type " + sampleType + " / padding_mode " + paddingMode);
        }
        if (p.getInt(PERMUTE_FUSION, 0) != 0) {
            throw new IllegalArgumentException("permute_fusion=1 is not supported");
        }
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        Mat grid = inputs.get(1);
        if (in.dims() == 4 && grid.dims() == 4 && grid.w() == 3) {
            return List.of(volume(in, grid));
        }
        if (in.dims() != 3 || grid.dims() != 3 || grid.w() != 2) {
            throw new IllegalArgumentException("GridSample of " + in.shapeString() + " at grid " + grid.shapeString()
                    + ": expects a 3-D blob at a [outh,outw,2] grid or a 4-D one at [outd,outh,outw,3]");
        }
        int w = in.w();
        int h = in.h();
        int outH = grid.c();
        int outW = grid.h();
        float[] g = grid.data();
        float[] src = in.data();
        float[] out = new float[in.c() * outH * outW];
        for (int q = 0; q < in.c(); q++) {
            int base = q * h * w;
            for (int i = 0; i < outH * outW; i++) {
                float sx = unnormalize(w, g[2 * i]);
                float sy = unnormalize(h, g[2 * i + 1]);
                out[q * outH * outW + i] = sample(src, base, w, h, sx, sy);
            }
        }
        return List.of(Mat.of(new int[] {in.c(), outH, outW}, out));
    }

    /** The 4-D form: a volume [c,d,h,w] at a grid [outd,outh,outw,3] (x, y, z); trilinear or nearest. */
    private Mat volume(Mat in, Mat grid) {
        if (sampleType != BILINEAR && sampleType != NEAREST) {
            throw new IllegalArgumentException("bicubic GridSample of a 4-D blob is not supported");
        }
        int w = in.w();
        int h = in.h();
        int d = in.d();
        int points = grid.c() * grid.d() * grid.h();
        float[] g = grid.data();
        float[] src = in.data();
        float[] out = new float[in.c() * points];
        for (int q = 0; q < in.c(); q++) {
            int base = q * d * h * w;
            for (int i = 0; i < points; i++) {
                // ncnn moves all three coordinates by the padding mode before interpolating
                float sx = coord(unnormalize(w, g[3 * i]), w);
                float sy = coord(unnormalize(h, g[3 * i + 1]), h);
                float sz = coord(unnormalize(d, g[3 * i + 2]), d);
                float v;
                if (sampleType == NEAREST) {
                    v = at(src, base, w, h, d, (int) Math.floor(sx + 0.5f), (int) Math.floor(sy + 0.5f),
                            (int) Math.floor(sz + 0.5f));
                } else {
                    int x0 = (int) Math.floor(sx);
                    int y0 = (int) Math.floor(sy);
                    int z0 = (int) Math.floor(sz);
                    float alpha = sx - x0;
                    float beta = sy - y0;
                    float gamma = sz - z0;
                    float[] plane = new float[2];
                    for (int k = 0; k < 2; k++) {
                        float v0 = at(src, base, w, h, d, x0, y0, z0 + k) * (1 - alpha)
                                + at(src, base, w, h, d, x0 + 1, y0, z0 + k) * alpha;
                        float v1 = at(src, base, w, h, d, x0, y0 + 1, z0 + k) * (1 - alpha)
                                + at(src, base, w, h, d, x0 + 1, y0 + 1, z0 + k) * alpha;
                        plane[k] = v0 * (1 - beta) + v1 * beta;
                    }
                    v = plane[0] * (1 - gamma) + plane[1] * gamma;
                }
                out[q * points + i] = v;
            }
        }
        return Mat.of(new int[] {in.c(), grid.c(), grid.d(), grid.h()}, out);
    }

    private float sample(float[] src, int base, int w, int h, float sx, float sy) {
        if (sampleType == BILINEAR || sampleType == NEAREST) {
            sx = coord(sx, w);
            sy = coord(sy, h);
        }
        if (sampleType == NEAREST) {
            return at(src, base, w, h, (int) Math.floor(sx + 0.5f), (int) Math.floor(sy + 0.5f));
        }
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        if (sampleType == BILINEAR) {
            float alpha = sx - x0;
            float beta = sy - y0;
            float v0 = at(src, base, w, h, x0, y0) * (1 - alpha) + at(src, base, w, h, x0 + 1, y0) * alpha;
            float v1 = at(src, base, w, h, x0, y0 + 1) * (1 - alpha) + at(src, base, w, h, x0 + 1, y0 + 1) * alpha;
            return v0 * (1 - beta) + v1 * beta;
        }
        // bicubic: each of the 4x4 taps is moved by the padding mode on its own, as ncnn does
        float[] cx = cubic(sx - x0);
        float[] cy = cubic(sy - y0);
        float v = 0;
        for (int j = 0; j < 4; j++) {
            float row = 0;
            for (int i = 0; i < 4; i++) {
                row += cx[i] * at(src, base, w, h, (int) coord(x0 - 1 + i, w), (int) coord(y0 - 1 + j, h));
            }
            v += cy[j] * row;
        }
        return v;
    }

    private float unnormalize(int size, float c) {
        return alignCorner ? (c + 1) / 2f * (size - 1) : ((c + 1) * size - 1) / 2f;
    }

    private float coord(float x, int size) {
        if (paddingMode == BORDER) {
            return border(x, size - 1);
        }
        if (paddingMode == REFLECTION) {
            if (alignCorner) {
                return reflect(x, size - 1);
            }
            return border(reflect(x + 0.5f, size) - 0.5f, size - 1);
        }
        return x;
    }

    private static float border(float x, float high) {
        return Math.min(high, Math.max(x, 0f));
    }

    private static float reflect(float x, int high) {
        x = Math.abs(x);
        return high - Math.abs(x - high);
    }

    private static float at(float[] src, int base, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h ? src[base + y * w + x] : 0f;
    }

    private static float at(float[] src, int base, int w, int h, int d, int x, int y, int z) {
        return z >= 0 && z < d ? at(src, base + z * h * w, w, h, x, y) : 0f;
    }

    private static float[] cubic(float fx) {
        final float a = -0.75f;
        float fx0 = fx + 1;
        float fx1 = fx;
        float fx2 = 1 - fx;
        float[] c = new float[4];
        c[0] = a * fx0 * fx0 * fx0 - 5 * a * fx0 * fx0 + 8 * a * fx0 - 4 * a;
        c[1] = (a + 2) * fx1 * fx1 * fx1 - (a + 3) * fx1 * fx1 + 1;
        c[2] = (a + 2) * fx2 * fx2 * fx2 - (a + 3) * fx2 * fx2 + 1;
        c[3] = 1f - c[0] - c[1] - c[2];
        return c;
    }
}

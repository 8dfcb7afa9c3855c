package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.LayerNorm.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/**
 * ncnn's LayerNorm and RMSNorm: param 0 affine_size, 1 eps (default 0.001), 2 affine; gamma and
 * (LayerNorm only) beta of affine_size (type 1). Normalises over the innermost w (1-D, 2-D, and
 * 3-D/4-D when affine_size == w), w*h (3-D otherwise, 4-D when affine_size == w*h) or w*h*d (4-D
 * otherwise) elements: LayerNorm to zero mean and unit variance, RMSNorm dividing by the root
 * mean square, x / sqrt(mean(x^2) + eps).
 */
final class LayerNorm extends AffineNorm {
    private final boolean rms;
    private int affineSize;

    LayerNorm(boolean rms) {
        this.rms = rms;
    }

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        affineSize = p.getInt(AFFINE_SIZE, 0);
        eps = p.getFloat(EPS, 0.001f);
        affine = p.getInt(AFFINE, 1) != 0;
    }

    @Override
    int affineSize() {
        return affineSize;
    }

    @Override
    boolean hasBeta() {
        return !rms;
    }

    @Override
    Mat forward(Mat in) {
        int w = in.w();
        int h = in.h();
        int size = switch (in.dims()) {
            case 1, 2 -> w;
            case 3 -> affineSize == w ? w : w * h;
            default -> affineSize == w ? w : affineSize == w * h ? w * h : w * h * in.d();
        };
        if (affine && size != affineSize) {
            throw new IllegalArgumentException("affine_size " + affineSize + " does not match the normalised size "
                    + size + " of " + in.shapeString());
        }
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int base = 0; base < x.length; base += size) {
            float[] ab = rms ? Normalization.rmsCoefficients(x, base, size, eps)
                    : Normalization.coefficients(x, base, 1, size, size, eps);
            for (int i = 0; i < size; i++) {
                float v = x[base + i] * ab[0] + ab[1];
                out[base + i] = !affine ? v : beta == null ? v * gamma[i] : v * gamma[i] + beta[i];
            }
        }
        return Mat.of(in.shape(), out);
    }
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.WeightReader;

/**
 * A normalisation layer with an optional per-element affine transform: when {@code affine} is
 * set, ncnn stores gamma then (unless the layer has no shift) beta as raw fp32,
 * {@link #affineSize()} values each.
 */
abstract class AffineNorm extends SingleInputLayer {
    protected float eps;
    protected boolean affine;
    protected float[] gamma;
    protected float[] beta;

    /** How many gamma (and beta) values the layer's params call for. */
    abstract int affineSize();

    /** Whether the affine transform has a shift (beta); RMSNorm's is a scale only. */
    boolean hasBeta() {
        return true;
    }

    @Override
    public void loadWeights(WeightReader r) {
        if (affine) {
            gamma = r.load(affineSize(), 1);
            beta = hasBeta() ? r.load(affineSize(), 1) : null;
        }
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code LayerNorm} layer, as operators.md lists it.
 */
public final class LayerNorm {
    public static final String TYPE = "LayerNorm";

    public static final Param.Int AFFINE_SIZE = Param.ofInt(0, "affine_size", 0);
    public static final Param.Float EPS = Param.ofFloat(1, "eps", 0.001f);
    public static final Param.Int AFFINE = Param.ofInt(2, "affine", 1);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AFFINE_SIZE, EPS, AFFINE),
            List.of(WeightSlot.float32("gamma_data"), WeightSlot.float32("beta_data")));

    private LayerNorm() {
    }
}

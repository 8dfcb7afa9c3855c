package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code RMSNorm} layer, as operators.md lists it.
 * Params it has in common with {@link LayerNorm} are theirs.
 */
public final class RMSNorm {
    public static final String TYPE = "RMSNorm";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(LayerNorm.AFFINE_SIZE, LayerNorm.EPS, LayerNorm.AFFINE),
            List.of(WeightSlot.float32("gamma_data")));

    private RMSNorm() {
    }
}

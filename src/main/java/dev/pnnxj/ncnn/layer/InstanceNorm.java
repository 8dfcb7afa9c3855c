package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code InstanceNorm} layer, as operators.md lists it.
 */
public final class InstanceNorm {
    public static final String TYPE = "InstanceNorm";

    public static final Param.Int CHANNELS = Param.ofInt(0, "channels", 0);
    public static final Param.Float EPS = Param.ofFloat(1, "eps", 0.001f);
    public static final Param.Int AFFINE = Param.ofInt(2, "affine", 1);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(CHANNELS, EPS, AFFINE),
            List.of(WeightSlot.float32("gamma_data"), WeightSlot.float32("beta_data")));

    private InstanceNorm() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code GroupNorm} layer, as operators.md lists it.
 */
public final class GroupNorm {
    public static final String TYPE = "GroupNorm";

    public static final Param.Int GROUP = Param.ofInt(0, "group", 1);
    public static final Param.Int CHANNELS = Param.ofInt(1, "channels", 0);
    public static final Param.Float EPS = Param.ofFloat(2, "eps", 0.001f);
    public static final Param.Int AFFINE = Param.ofInt(3, "affine", 1);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(GROUP, CHANNELS, EPS, AFFINE),
            List.of(WeightSlot.float32("gamma_data"), WeightSlot.float32("beta_data")));

    private GroupNorm() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code BatchNorm} layer, as operators.md lists it.
 */
public final class BatchNorm {
    public static final String TYPE = "BatchNorm";

    public static final Param.Int CHANNELS = Param.ofInt(0, "channels", 0);
    public static final Param.Float EPS = Param.ofFloat(1, "eps", 0.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(CHANNELS, EPS),
            List.of(WeightSlot.float32("slope_data"), WeightSlot.float32("mean_data"),
                    WeightSlot.float32("var_data"), WeightSlot.float32("bias_data")));

    private BatchNorm() {
    }
}

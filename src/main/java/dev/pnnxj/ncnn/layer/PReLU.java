package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code PReLU} layer, as operators.md lists it.
 */
public final class PReLU {
    public static final String TYPE = "PReLU";

    public static final Param.Int NUM_SLOPE = Param.ofInt(0, "num_slope", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(NUM_SLOPE),
            List.of(WeightSlot.float32("slope_data")));

    private PReLU() {
    }
}

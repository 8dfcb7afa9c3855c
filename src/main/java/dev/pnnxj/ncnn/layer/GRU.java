package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code GRU} layer, as operators.md lists it.
 * Params it has in common with {@link RNN} are theirs.
 */
public final class GRU {
    public static final String TYPE = "GRU";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(RNN.NUM_OUTPUT, RNN.WEIGHT_DATA_SIZE, RNN.DIRECTION, RNN.INT8_SCALE_TERM),
            List.of(WeightSlot.auto("weight_xc_data"), WeightSlot.auto("bias_c_data"),
                    WeightSlot.auto("weight_hc_data")));

    private GRU() {
    }
}

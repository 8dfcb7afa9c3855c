package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code LSTM} layer, as operators.md lists it.
 * Params it has in common with {@link RNN} are theirs.
 */
public final class LSTM {
    public static final String TYPE = "LSTM";

    public static final Param.Int HIDDEN_SIZE = Param.ofInt(3, "hidden_size", RNN.NUM_OUTPUT);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(RNN.NUM_OUTPUT, RNN.WEIGHT_DATA_SIZE, RNN.DIRECTION, HIDDEN_SIZE, RNN.INT8_SCALE_TERM),
            List.of(WeightSlot.auto("weight_xc_data"), WeightSlot.auto("bias_c_data"),
                    WeightSlot.auto("weight_hc_data"), WeightSlot.auto("weight_hr_data")));

    private LSTM() {
    }
}

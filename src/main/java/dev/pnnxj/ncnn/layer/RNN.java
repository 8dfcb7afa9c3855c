package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code RNN} layer, as operators.md lists it.
 */
public final class RNN {
    public static final String TYPE = "RNN";

    public static final Param.Int NUM_OUTPUT = Param.ofInt(0, "num_output", 0);
    public static final Param.Int WEIGHT_DATA_SIZE = Param.ofInt(1, "weight_data_size", 0);
    public static final Param.Int DIRECTION = Param.ofInt(2, "direction", 0);
    /** Not in operators.md: read by rnn.cpp, gru.cpp and lstm.cpp. */
    public static final Param.Int INT8_SCALE_TERM = Param.ofInt(8, "int8_scale_term", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(NUM_OUTPUT, WEIGHT_DATA_SIZE, DIRECTION, INT8_SCALE_TERM),
            List.of(WeightSlot.auto("weight_xc_data"), WeightSlot.auto("bias_c_data"),
                    WeightSlot.auto("weight_hc_data")));

    private RNN() {
    }
}

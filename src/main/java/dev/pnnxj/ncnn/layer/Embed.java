package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Embed} layer, as operators.md lists it. operators.md calls the bias weight
 * "bias_term" and types weight_data float; embed.cpp names it bias_data and loads weight_data
 * tagged (type 0), which is what the slots say.
 */
public final class Embed {
    public static final String TYPE = "Embed";

    public static final Param.Int NUM_OUTPUT = Param.ofInt(0, "num_output", 0);
    public static final Param.Int INPUT_DIM = Param.ofInt(1, "input_dim", 0);
    public static final Param.Int BIAS_TERM = Param.ofInt(2, "bias_term", 0);
    public static final Param.Int WEIGHT_DATA_SIZE = Param.ofInt(3, "weight_data_size", 0);
    public static final Param.Int INT8_SCALE_TERM = Param.ofInt(18, "int8_scale_term", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(NUM_OUTPUT, INPUT_DIM, BIAS_TERM, WEIGHT_DATA_SIZE, INT8_SCALE_TERM),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data"),
                    WeightSlot.float32("weight_data_int8_scales")));

    private Embed() {
    }
}

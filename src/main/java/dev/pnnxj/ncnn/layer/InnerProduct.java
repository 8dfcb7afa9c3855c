package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code InnerProduct} layer, as operators.md lists it.
 */
public final class InnerProduct {
    public static final String TYPE = "InnerProduct";

    public static final Param.Int NUM_OUTPUT = Param.ofInt(0, "num_output", 0);
    public static final Param.Int BIAS_TERM = Param.ofInt(1, "bias_term", 0);
    public static final Param.Int WEIGHT_DATA_SIZE = Param.ofInt(2, "weight_data_size", 0);
    public static final Param.Int INT8_SCALE_TERM = Param.ofInt(8, "int8_scale_term", 0);
    public static final Param.Int ACTIVATION_TYPE = Param.ofInt(9, "activation_type", 0);
    public static final Param.FloatArray ACTIVATION_PARAMS = Param.ofFloatArray(10, "activation_params");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(NUM_OUTPUT, BIAS_TERM, WEIGHT_DATA_SIZE, INT8_SCALE_TERM, ACTIVATION_TYPE, ACTIVATION_PARAMS),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data"),
                    WeightSlot.float32("weight_data_int8_scales"), WeightSlot.float32("bottom_blob_int8_scales")));

    private InnerProduct() {
    }
}

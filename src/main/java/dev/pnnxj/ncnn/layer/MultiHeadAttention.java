package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code MultiHeadAttention} layer, as operators.md lists it.
 */
public final class MultiHeadAttention {
    public static final String TYPE = "MultiHeadAttention";

    public static final Param.Int EMBED_DIM = Param.ofInt(0, "embed_dim", 0);
    public static final Param.Int NUM_HEADS = Param.ofInt(1, "num_heads", 1);
    public static final Param.Int WEIGHT_DATA_SIZE = Param.ofInt(2, "weight_data_size", 0);
    public static final Param.Int KDIM = Param.ofInt(3, "kdim", EMBED_DIM);
    public static final Param.Int VDIM = Param.ofInt(4, "vdim", EMBED_DIM);
    public static final Param.Int ATTN_MASK = Param.ofInt(5, "attn_mask", 0);
    public static final Param.Float SCALE = Param.ofFloat(6, "scale", "1.f / sqrt(embed_dim / num_heads)");
    public static final Param.Int KV_CACHE = Param.ofInt(7, "kv_cache", 0);
    public static final Param.Int QUANTIZE_TERM = Param.ofInt(18, "quantize_term", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(EMBED_DIM, NUM_HEADS, WEIGHT_DATA_SIZE, KDIM, VDIM, ATTN_MASK, SCALE, KV_CACHE, QUANTIZE_TERM),
            List.of(WeightSlot.auto("q_weight_data"), WeightSlot.float32("q_bias_data"),
                    WeightSlot.auto("k_weight_data"), WeightSlot.float32("k_bias_data"),
                    WeightSlot.auto("v_weight_data"), WeightSlot.float32("v_bias_data"),
                    WeightSlot.auto("out_weight_data"), WeightSlot.float32("out_bias_data"),
                    WeightSlot.float32("q_weight_data_int8_scales"),
                    WeightSlot.float32("k_weight_data_int8_scales"),
                    WeightSlot.float32("v_weight_data_int8_scales"),
                    WeightSlot.float32("out_weight_data_int8_scales"),
                    WeightSlot.float32("q_weight_data_quantize_scales"),
                    WeightSlot.float32("k_weight_data_quantize_scales"),
                    WeightSlot.float32("v_weight_data_quantize_scales"),
                    WeightSlot.float32("out_weight_data_quantize_scales"),
                    WeightSlot.float32("q_weight_data_input_scales"),
                    WeightSlot.float32("k_weight_data_input_scales"),
                    WeightSlot.float32("v_weight_data_input_scales"),
                    WeightSlot.float32("out_weight_data_input_scales")));

    private MultiHeadAttention() {
    }
}

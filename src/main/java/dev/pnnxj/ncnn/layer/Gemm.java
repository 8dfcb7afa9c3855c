package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Gemm} layer, as operators.md lists it, except that gemm.cpp loads a constant C with
 * type 0 (tagged) where the doc says float.
 */
public final class Gemm {
    public static final String TYPE = "Gemm";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 1.0f);
    public static final Param.Float BETA = Param.ofFloat(1, "beta", 1.0f);
    public static final Param.Int TRANS_A = Param.ofInt(2, "transA", 0);
    public static final Param.Int TRANS_B = Param.ofInt(3, "transb", 0);
    public static final Param.Int CONSTANT_A = Param.ofInt(4, "constantA", 0);
    public static final Param.Int CONSTANT_B = Param.ofInt(5, "constantB", 0);
    public static final Param.Int CONSTANT_C = Param.ofInt(6, "constantC", 0);
    public static final Param.Int CONSTANT_M = Param.ofInt(7, "constantM", 0);
    public static final Param.Int CONSTANT_N = Param.ofInt(8, "constantN", 0);
    public static final Param.Int CONSTANT_K = Param.ofInt(9, "constantK", 0);
    public static final Param.Int CONSTANT_BROADCAST_TYPE_C = Param.ofInt(10, "constant_broadcast_type_C", 0);
    public static final Param.Int OUTPUT_N1M = Param.ofInt(11, "output_N1M", 0);
    public static final Param.Int OUTPUT_ELEMPACK = Param.ofInt(12, "output_elempack", 0);
    public static final Param.Int OUTPUT_ELEMTYPE = Param.ofInt(13, "output_elemtype", 0);
    public static final Param.Int OUTPUT_TRANSPOSE = Param.ofInt(14, "output_transpose", 0);
    public static final Param.Int QUANTIZE_TERM = Param.ofInt(18, "quantize_term", 0);
    public static final Param.Int CONSTANT_TILE_M = Param.ofInt(20, "constant_TILE_M", 0);
    public static final Param.Int CONSTANT_TILE_N = Param.ofInt(21, "constant_TILE_N", 0);
    public static final Param.Int CONSTANT_TILE_K = Param.ofInt(22, "constant_TILE_K", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA, BETA, TRANS_A, TRANS_B, CONSTANT_A, CONSTANT_B, CONSTANT_C, CONSTANT_M, CONSTANT_N,
                    CONSTANT_K, CONSTANT_BROADCAST_TYPE_C, OUTPUT_N1M, OUTPUT_ELEMPACK, OUTPUT_ELEMTYPE,
                    OUTPUT_TRANSPOSE, QUANTIZE_TERM, CONSTANT_TILE_M, CONSTANT_TILE_N, CONSTANT_TILE_K),
            List.of(WeightSlot.auto("A_data"), WeightSlot.auto("B_data"), WeightSlot.auto("C_data"),
                    WeightSlot.float32("A_data_int8_scales"), WeightSlot.float32("B_data_int8_scales"),
                    WeightSlot.float32("B_data_quantize_scales"), WeightSlot.float32("B_data_input_scales")));

    private Gemm() {
    }
}

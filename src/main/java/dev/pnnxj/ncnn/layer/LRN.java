package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code LRN} layer, as operators.md lists it.
 */
public final class LRN {
    public static final String TYPE = "LRN";

    /** region_type values. */
    public static final int ACROSS_CHANNELS = 0;
    public static final int WITHIN_CHANNEL = 1;

    public static final Param.Int REGION_TYPE = Param.ofInt(0, "region_type", 0);
    public static final Param.Int LOCAL_SIZE = Param.ofInt(1, "local_size", 5);
    public static final Param.Float ALPHA = Param.ofFloat(2, "alpha", 1.0f);
    public static final Param.Float BETA = Param.ofFloat(3, "beta", 0.75f);
    public static final Param.Float BIAS = Param.ofFloat(4, "bias", 1.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(REGION_TYPE, LOCAL_SIZE, ALPHA, BETA, BIAS),
            List.of());

    private LRN() {
    }
}

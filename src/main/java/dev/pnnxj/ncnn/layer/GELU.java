package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code GELU} layer, as operators.md lists it.
 */
public final class GELU {
    public static final String TYPE = "GELU";

    public static final Param.Int FAST_GELU = Param.ofInt(0, "fast_gelu", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(FAST_GELU),
            List.of());

    private GELU() {
    }
}

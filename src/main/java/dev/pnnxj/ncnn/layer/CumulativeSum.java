package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code CumulativeSum} layer, as operators.md lists it.
 */
public final class CumulativeSum {
    public static final String TYPE = "CumulativeSum";

    public static final Param.Int AXIS = Param.ofInt(0, "axis", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXIS),
            List.of());

    private CumulativeSum() {
    }
}

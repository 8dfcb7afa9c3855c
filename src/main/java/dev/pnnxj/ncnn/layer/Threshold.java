package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Threshold} layer, as operators.md lists it.
 */
public final class Threshold {
    public static final String TYPE = "Threshold";

    public static final Param.Float THRESHOLD = Param.ofFloat(0, "threshold", 0.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(THRESHOLD),
            List.of());

    private Threshold() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Shrink} layer, as operators.md lists it.
 */
public final class Shrink {
    public static final String TYPE = "Shrink";

    public static final Param.Float BIAS = Param.ofFloat(0, "bias", 0.0f);
    public static final Param.Float LAMBD = Param.ofFloat(1, "lambd", 0.5f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(BIAS, LAMBD),
            List.of());

    private Shrink() {
    }
}

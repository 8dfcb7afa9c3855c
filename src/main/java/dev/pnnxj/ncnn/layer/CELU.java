package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code CELU} layer, as operators.md lists it.
 */
public final class CELU {
    public static final String TYPE = "CELU";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 1.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA),
            List.of());

    private CELU() {
    }
}

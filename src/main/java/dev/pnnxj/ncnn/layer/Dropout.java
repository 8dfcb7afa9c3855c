package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Dropout} layer, as operators.md lists it.
 */
public final class Dropout {
    public static final String TYPE = "Dropout";

    public static final Param.Float SCALE = Param.ofFloat(0, "scale", 1.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(SCALE),
            List.of());

    private Dropout() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ELU} layer, as operators.md lists it.
 */
public final class ELU {
    public static final String TYPE = "ELU";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 0.1f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA),
            List.of());

    private ELU() {
    }
}

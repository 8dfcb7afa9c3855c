package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Concat} layer, as operators.md lists it.
 */
public final class Concat {
    public static final String TYPE = "Concat";

    public static final Param.Int AXIS = Param.ofInt(0, "axis", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXIS),
            List.of());

    private Concat() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Flip} layer, as operators.md lists it.
 */
public final class Flip {
    public static final String TYPE = "Flip";

    public static final Param.IntArray AXES = Param.ofIntArray(0, "axes");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXES),
            List.of());

    private Flip() {
    }
}

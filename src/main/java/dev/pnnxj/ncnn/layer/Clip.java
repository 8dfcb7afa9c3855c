package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Clip} layer, as operators.md lists it.
 */
public final class Clip {
    public static final String TYPE = "Clip";

    public static final Param.Float MIN = Param.ofFloat(0, "min", -Float.MAX_VALUE);
    public static final Param.Float MAX = Param.ofFloat(1, "max", Float.MAX_VALUE);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(MIN, MAX),
            List.of());

    private Clip() {
    }
}

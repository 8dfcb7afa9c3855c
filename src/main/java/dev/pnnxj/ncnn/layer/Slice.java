package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Slice} layer, as operators.md lists it.
 */
public final class Slice {
    public static final String TYPE = "Slice";

    public static final Param.IntArray SLICES = Param.ofIntArray(0, "slices");
    public static final Param.Int AXIS = Param.ofInt(1, "axis", 0);
    public static final Param.IntArray INDICES = Param.ofIntArray(2, "indices");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(SLICES, AXIS, INDICES),
            List.of());

    private Slice() {
    }
}

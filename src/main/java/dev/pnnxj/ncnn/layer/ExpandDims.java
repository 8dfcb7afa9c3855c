package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ExpandDims} layer, as operators.md lists it.
 */
public final class ExpandDims {
    public static final String TYPE = "ExpandDims";

    public static final Param.IntArray AXES = Param.ofIntArray(3, "axes");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXES),
            List.of());

    private ExpandDims() {
    }
}

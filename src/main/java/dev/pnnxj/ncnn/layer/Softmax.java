package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Softmax} layer, as operators.md lists it.
 */
public final class Softmax {
    public static final String TYPE = "Softmax";

    public static final Param.Int AXIS = Param.ofInt(0, "axis", 0);
    public static final Param.Int FIXBUG0 = Param.ofInt(1, "fixbug0", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXIS, FIXBUG0),
            List.of());

    private Softmax() {
    }
}

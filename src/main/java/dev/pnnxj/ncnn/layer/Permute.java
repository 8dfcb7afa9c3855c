package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Permute} layer, as operators.md lists it.
 */
public final class Permute {
    public static final String TYPE = "Permute";

    public static final Param.Int ORDER_TYPE = Param.ofInt(0, "order_type", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ORDER_TYPE),
            List.of());

    private Permute() {
    }
}

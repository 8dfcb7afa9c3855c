package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Eltwise} layer, as operators.md lists it.
 */
public final class Eltwise {
    public static final String TYPE = "Eltwise";

    public static final Param.Int OP_TYPE = Param.ofInt(0, "op_type", 0);
    public static final Param.FloatArray COEFFS = Param.ofFloatArray(1, "coeffs");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(OP_TYPE, COEFFS),
            List.of());

    private Eltwise() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Reduction} layer, as operators.md lists it.
 */
public final class Reduction {
    public static final String TYPE = "Reduction";

    public static final Param.Int OPERATION = Param.ofInt(0, "operation", 0);
    public static final Param.Int REDUCE_ALL = Param.ofInt(1, "reduce_all", 1);
    public static final Param.Float COEFF = Param.ofFloat(2, "coeff", 1.0f);
    public static final Param.IntArray AXES = Param.ofIntArray(3, "axes");
    public static final Param.Int KEEPDIMS = Param.ofInt(4, "keepdims", 0);
    public static final Param.Int FIXBUG0 = Param.ofInt(5, "fixbug0", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(OPERATION, REDUCE_ALL, COEFF, AXES, KEEPDIMS, FIXBUG0),
            List.of());

    private Reduction() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Squeeze} layer, as operators.md lists it.
 */
public final class Squeeze {
    public static final String TYPE = "Squeeze";

    public static final Param.Int SQUEEZE_W = Param.ofInt(0, "squeeze_w", 0);
    public static final Param.Int SQUEEZE_H = Param.ofInt(1, "squeeze_h", 0);
    public static final Param.Int SQUEEZE_D = Param.ofInt(11, "squeeze_d", 0);
    public static final Param.Int SQUEEZE_C = Param.ofInt(2, "squeeze_c", 0);
    public static final Param.IntArray AXES = Param.ofIntArray(3, "axes");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(SQUEEZE_W, SQUEEZE_H, SQUEEZE_D, SQUEEZE_C, AXES),
            List.of());

    private Squeeze() {
    }
}

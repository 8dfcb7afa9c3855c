package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code HardSwish} layer, as operators.md lists it.
 */
public final class HardSwish {
    public static final String TYPE = "HardSwish";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 0.2f);
    public static final Param.Float BETA = Param.ofFloat(1, "beta", 0.5f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA, BETA),
            List.of());

    private HardSwish() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code HardSigmoid} layer, as operators.md lists it.
 */
public final class HardSigmoid {
    public static final String TYPE = "HardSigmoid";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 0.2f);
    public static final Param.Float BETA = Param.ofFloat(1, "beta", 0.5f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA, BETA),
            List.of());

    private HardSigmoid() {
    }
}

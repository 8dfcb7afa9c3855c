package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code SELU} layer, as operators.md lists it.
 */
public final class SELU {
    public static final String TYPE = "SELU";

    public static final Param.Float ALPHA = Param.ofFloat(0, "alpha", 1.67326324f);
    public static final Param.Float LAMBDA = Param.ofFloat(1, "lambda", 1.050700987f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(ALPHA, LAMBDA),
            List.of());

    private SELU() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ReLU} layer, as operators.md lists it.
 */
public final class ReLU {
    public static final String TYPE = "ReLU";

    public static final Param.Float SLOPE = Param.ofFloat(0, "slope", 0.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(SLOPE),
            List.of());

    private ReLU() {
    }
}

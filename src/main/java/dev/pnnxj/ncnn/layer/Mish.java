package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Mish} layer, as operators.md lists it.
 */
public final class Mish {
    public static final String TYPE = "Mish";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Mish() {
    }
}

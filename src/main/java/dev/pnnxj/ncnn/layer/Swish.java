package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Swish} layer, as operators.md lists it.
 */
public final class Swish {
    public static final String TYPE = "Swish";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Swish() {
    }
}

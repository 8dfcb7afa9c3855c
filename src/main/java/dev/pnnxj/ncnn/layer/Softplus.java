package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Softplus} layer, as operators.md lists it.
 */
public final class Softplus {
    public static final String TYPE = "Softplus";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Softplus() {
    }
}

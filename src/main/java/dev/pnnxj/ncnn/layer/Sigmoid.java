package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Sigmoid} layer, as operators.md lists it.
 */
public final class Sigmoid {
    public static final String TYPE = "Sigmoid";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Sigmoid() {
    }
}

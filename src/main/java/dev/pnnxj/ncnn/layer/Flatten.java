package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Flatten} layer, as operators.md lists it.
 */
public final class Flatten {
    public static final String TYPE = "Flatten";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Flatten() {
    }
}

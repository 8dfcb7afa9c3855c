package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Noop} layer, as operators.md lists it.
 */
public final class Noop {
    public static final String TYPE = "Noop";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Noop() {
    }
}

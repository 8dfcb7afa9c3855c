package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code AbsVal} layer, as operators.md lists it.
 */
public final class AbsVal {
    public static final String TYPE = "AbsVal";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private AbsVal() {
    }
}

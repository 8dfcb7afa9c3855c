package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Split} layer, as operators.md lists it.
 */
public final class Split {
    public static final String TYPE = "Split";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Split() {
    }
}

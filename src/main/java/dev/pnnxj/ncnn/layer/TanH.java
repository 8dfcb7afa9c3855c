package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code TanH} layer, as operators.md lists it.
 */
public final class TanH {
    public static final String TYPE = "TanH";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private TanH() {
    }
}

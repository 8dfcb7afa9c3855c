package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Erf} layer, as operators.md lists it.
 */
public final class Erf {
    public static final String TYPE = "Erf";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE, List.of(), List.of());

    private Erf() {
    }
}

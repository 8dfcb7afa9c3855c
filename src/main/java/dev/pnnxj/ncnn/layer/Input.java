package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Input} layer, as operators.md lists it.
 */
public final class Input {
    public static final String TYPE = "Input";

    public static final Param.Int W = Param.ofInt(0, "w", 0);
    public static final Param.Int H = Param.ofInt(1, "h", 0);
    public static final Param.Int D = Param.ofInt(11, "d", 0);
    public static final Param.Int C = Param.ofInt(2, "c", 0);
    /** The shape params in w, h, d, c order (MemoryData's too). */
    public static final List<Param.Int> WHDC = List.of(W, H, D, C);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(W, H, D, C),
            List.of());

    private Input() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ShuffleChannel} layer, as operators.md lists it.
 */
public final class ShuffleChannel {
    public static final String TYPE = "ShuffleChannel";

    public static final Param.Int GROUP = Param.ofInt(0, "group", 1);
    public static final Param.Int REVERSE = Param.ofInt(1, "reverse", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(GROUP, REVERSE),
            List.of());

    private ShuffleChannel() {
    }
}

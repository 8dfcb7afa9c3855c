package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code PixelShuffle} layer, as operators.md lists it.
 */
public final class PixelShuffle {
    public static final String TYPE = "PixelShuffle";

    public static final Param.Int UPSCALE_FACTOR = Param.ofInt(0, "upscale_factor", 1);
    public static final Param.Int MODE = Param.ofInt(1, "mode", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(UPSCALE_FACTOR, MODE),
            List.of());

    private PixelShuffle() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Tile} layer, as operators.md lists it.
 */
public final class Tile {
    public static final String TYPE = "Tile";

    public static final Param.Int AXIS = Param.ofInt(0, "axis", 0);
    public static final Param.Int TILES = Param.ofInt(1, "tiles", 1);
    public static final Param.IntArray REPEATS = Param.ofIntArray(2, "repeats");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(AXIS, TILES, REPEATS),
            List.of());

    private Tile() {
    }
}

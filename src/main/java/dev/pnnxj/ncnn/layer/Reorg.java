package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Reorg} layer, as operators.md lists it.
 */
public final class Reorg {
    public static final String TYPE = "Reorg";

    public static final Param.Int STRIDE = Param.ofInt(0, "stride", 1);
    public static final Param.Int MODE = Param.ofInt(1, "mode", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(STRIDE, MODE),
            List.of());

    private Reorg() {
    }
}

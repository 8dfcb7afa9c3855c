package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Pooling1D} layer, as operators.md lists it.
 * Params it has in common with {@link Pooling} are theirs.
 */
public final class Pooling1D {
    public static final String TYPE = "Pooling1D";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Pooling.POOLING_TYPE, Pooling.KERNEL_W, Pooling.STRIDE_W, Pooling.PAD_LEFT,
                    Pooling.GLOBAL_POOLING, Pooling.PAD_MODE, Pooling.AVGPOOL_COUNT_INCLUDE_PAD,
                    Pooling.ADAPTIVE_POOLING, Pooling.OUT_W, Pooling.PAD_RIGHT),
            List.of());

    private Pooling1D() {
    }
}

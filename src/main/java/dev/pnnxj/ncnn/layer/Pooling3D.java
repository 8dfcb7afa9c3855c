package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Pooling3D} layer, as operators.md lists it.
 * Params it has in common with {@link Pooling} are theirs.
 */
public final class Pooling3D {
    public static final String TYPE = "Pooling3D";

    public static final Param.Int KERNEL_D = Param.ofInt(21, "kernel_d", Pooling.KERNEL_W);
    public static final Param.Int STRIDE_D = Param.ofInt(22, "stride_d", Pooling.STRIDE_W);
    public static final Param.Int PAD_FRONT = Param.ofInt(23, "pad_front", Pooling.PAD_LEFT);
    public static final Param.Int PAD_BEHIND = Param.ofInt(16, "pad_behind", PAD_FRONT);
    public static final Param.Int OUT_D = Param.ofInt(28, "out_d", Pooling.OUT_W);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Pooling.POOLING_TYPE, Pooling.KERNEL_W, Pooling.STRIDE_W, Pooling.PAD_LEFT,
                    Pooling.GLOBAL_POOLING, Pooling.PAD_MODE, Pooling.AVGPOOL_COUNT_INCLUDE_PAD,
                    Pooling.ADAPTIVE_POOLING, Pooling.OUT_W, Pooling.KERNEL_H, Pooling.STRIDE_H, Pooling.PAD_TOP,
                    Pooling.PAD_RIGHT, Pooling.PAD_BOTTOM, PAD_BEHIND, Pooling.OUT_H, KERNEL_D, STRIDE_D,
                    PAD_FRONT, OUT_D),
            List.of());

    private Pooling3D() {
    }
}

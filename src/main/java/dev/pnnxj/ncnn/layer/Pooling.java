package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Pooling} layer, as operators.md lists it.
 */
public final class Pooling {
    public static final String TYPE = "Pooling";

    public static final Param.Int POOLING_TYPE = Param.ofInt(0, "pooling_type", 0);
    public static final Param.Int KERNEL_W = Param.ofInt(1, "kernel_w", 0);
    public static final Param.Int STRIDE_W = Param.ofInt(2, "stride_w", 1);
    public static final Param.Int PAD_LEFT = Param.ofInt(3, "pad_left", 0);
    public static final Param.Int GLOBAL_POOLING = Param.ofInt(4, "global_pooling", 0);
    public static final Param.Int PAD_MODE = Param.ofInt(5, "pad_mode", 0);
    public static final Param.Int AVGPOOL_COUNT_INCLUDE_PAD = Param.ofInt(6, "avgpool_count_include_pad", 0);
    public static final Param.Int ADAPTIVE_POOLING = Param.ofInt(7, "adaptive_pooling", 0);
    public static final Param.Int OUT_W = Param.ofInt(8, "out_w", 0);
    public static final Param.Int KERNEL_H = Param.ofInt(11, "kernel_h", KERNEL_W);
    public static final Param.Int STRIDE_H = Param.ofInt(12, "stride_h", STRIDE_W);
    public static final Param.Int PAD_TOP = Param.ofInt(13, "pad_top", PAD_LEFT);
    public static final Param.Int PAD_RIGHT = Param.ofInt(14, "pad_right", PAD_LEFT);
    public static final Param.Int PAD_BOTTOM = Param.ofInt(15, "pad_bottom", PAD_TOP);
    public static final Param.Int OUT_H = Param.ofInt(18, "out_h", OUT_W);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(POOLING_TYPE, KERNEL_W, STRIDE_W, PAD_LEFT, GLOBAL_POOLING, PAD_MODE,
                    AVGPOOL_COUNT_INCLUDE_PAD, ADAPTIVE_POOLING, OUT_W, KERNEL_H, STRIDE_H, PAD_TOP, PAD_RIGHT,
                    PAD_BOTTOM, OUT_H),
            List.of());

    private Pooling() {
    }
}

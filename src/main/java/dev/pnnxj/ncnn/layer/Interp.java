package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Interp} layer, as operators.md lists it.
 */
public final class Interp {
    public static final String TYPE = "Interp";

    public static final Param.Int RESIZE_TYPE = Param.ofInt(0, "resize_type", 0);
    public static final Param.Float HEIGHT_SCALE = Param.ofFloat(1, "height_scale", 1.0f);
    public static final Param.Float WIDTH_SCALE = Param.ofFloat(2, "width_scale", 1.0f);
    public static final Param.Int OUTPUT_HEIGHT = Param.ofInt(3, "output_height", 0);
    public static final Param.Int OUTPUT_WIDTH = Param.ofInt(4, "output_width", 0);
    public static final Param.Int DYNAMIC_TARGET_SIZE = Param.ofInt(5, "dynamic_target_size", 0);
    public static final Param.Int ALIGN_CORNER = Param.ofInt(6, "align_corner", 0);
    public static final Param.Text SIZE_EXPR = Param.ofText(9, "size_expr");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(RESIZE_TYPE, HEIGHT_SCALE, WIDTH_SCALE, OUTPUT_HEIGHT, OUTPUT_WIDTH, DYNAMIC_TARGET_SIZE,
                    ALIGN_CORNER, SIZE_EXPR),
            List.of());

    private Interp() {
    }
}

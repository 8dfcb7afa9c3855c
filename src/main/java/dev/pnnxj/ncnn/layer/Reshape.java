package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Reshape} layer, as operators.md lists it.
 */
public final class Reshape {
    public static final String TYPE = "Reshape";

    public static final Param.Int W = Param.ofInt(0, "w", -233);
    public static final Param.Int H = Param.ofInt(1, "h", -233);
    public static final Param.Int D = Param.ofInt(11, "d", -233);
    public static final Param.Int C = Param.ofInt(2, "c", -233);
    /** The shape params in w, h, d, c order. */
    public static final List<Param.Int> WHDC = List.of(W, H, D, C);
    public static final Param.Text SHAPE_EXPR = Param.ofText(6, "shape_expr");
    /** Not in operators.md: old ncnn Reshape permuted to c,h,w first; current ncnn ignores it. */
    public static final Param.Int PERMUTE = Param.ofInt(3, "permute", 0);
    /** Not in operators.md: read by reshape.cpp (NCNN_BATCH builds). */
    public static final Param.Int INPUT_BATCH_AXIS = Param.ofInt(12, "input_batch_axis", 233);
    /** Not in operators.md: read by reshape.cpp (NCNN_BATCH builds). */
    public static final Param.Int OUTPUT_BATCH_AXIS = Param.ofInt(13, "output_batch_axis", 233);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(W, H, D, C, SHAPE_EXPR, PERMUTE, INPUT_BATCH_AXIS, OUTPUT_BATCH_AXIS),
            List.of());

    private Reshape() {
    }
}

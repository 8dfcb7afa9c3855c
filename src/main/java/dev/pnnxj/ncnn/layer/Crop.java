package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Crop} layer, as operators.md lists it.
 */
public final class Crop {
    public static final String TYPE = "Crop";

    public static final Param.Int WOFFSET = Param.ofInt(0, "woffset", 0);
    public static final Param.Int HOFFSET = Param.ofInt(1, "hoffset", 0);
    public static final Param.Int DOFFSET = Param.ofInt(13, "doffset", 0);
    public static final Param.Int COFFSET = Param.ofInt(2, "coffset", 0);
    public static final Param.Int OUTW = Param.ofInt(3, "outw", 0);
    public static final Param.Int OUTH = Param.ofInt(4, "outh", 0);
    public static final Param.Int OUTD = Param.ofInt(14, "outd", 0);
    public static final Param.Int OUTC = Param.ofInt(5, "outc", 0);
    public static final Param.Int WOFFSET2 = Param.ofInt(6, "woffset2", 0);
    public static final Param.Int HOFFSET2 = Param.ofInt(7, "hoffset2", 0);
    public static final Param.Int DOFFSET2 = Param.ofInt(15, "doffset2", 0);
    public static final Param.Int COFFSET2 = Param.ofInt(8, "coffset2", 0);
    public static final Param.IntArray STARTS = Param.ofIntArray(9, "starts");
    public static final Param.IntArray ENDS = Param.ofIntArray(10, "ends");
    public static final Param.IntArray AXES = Param.ofIntArray(11, "axes");
    public static final Param.Text STARTS_EXPR = Param.ofText(19, "starts_expr");
    public static final Param.Text ENDS_EXPR = Param.ofText(20, "ends_expr");
    public static final Param.Text AXES_EXPR = Param.ofText(21, "axes_expr");

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(WOFFSET, HOFFSET, DOFFSET, COFFSET, OUTW, OUTH, OUTD, OUTC, WOFFSET2, HOFFSET2, DOFFSET2,
                    COFFSET2, STARTS, ENDS, AXES, STARTS_EXPR, ENDS_EXPR, AXES_EXPR),
            List.of());

    private Crop() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code GridSample} layer, as operators.md lists it, with the values its enum params take.
 */
public final class GridSample {
    public static final String TYPE = "GridSample";

    /**
     * sample_type values as gridsample.h numbers them; operators.md swaps the first two (it says
     * 1 = Nearest, 2 = Bilinear), gridsample.cpp runs bilinear for 1.
     */
    public static final int SAMPLE_BILINEAR = 1;
    public static final int SAMPLE_NEAREST = 2;
    public static final int SAMPLE_BICUBIC = 3;

    /** padding_mode values. */
    public static final int PADDING_ZEROS = 1;
    public static final int PADDING_BORDER = 2;
    public static final int PADDING_REFLECTION = 3;

    public static final Param.Int SAMPLE_TYPE = Param.ofInt(0, "sample_type", 1);
    public static final Param.Int PADDING_MODE = Param.ofInt(1, "padding_mode", 1);
    public static final Param.Int ALIGN_CORNER = Param.ofInt(2, "align_corner", 0);
    public static final Param.Int PERMUTE_FUSION = Param.ofInt(3, "permute_fusion", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(SAMPLE_TYPE, PADDING_MODE, ALIGN_CORNER, PERMUTE_FUSION),
            List.of());

    private GridSample() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Padding} layer, as operators.md lists it.
 */
public final class Padding {
    public static final String TYPE = "Padding";

    public static final Param.Int TOP = Param.ofInt(0, "top", 0);
    public static final Param.Int BOTTOM = Param.ofInt(1, "bottom", 0);
    public static final Param.Int LEFT = Param.ofInt(2, "left", 0);
    public static final Param.Int RIGHT = Param.ofInt(3, "right", 0);
    public static final Param.Int PAD_TYPE = Param.ofInt(4, "type", 0);
    public static final Param.Float VALUE = Param.ofFloat(5, "value", 0.0f);
    public static final Param.Int PER_CHANNEL_PAD_DATA_SIZE = Param.ofInt(6, "per_channel_pad_data_size", 0);
    /** Operators.md says stride_w; padding.cpp reads 0. */
    public static final Param.Int FRONT = Param.ofInt(7, "front", 0);
    /** Operators.md says pad_left; padding.cpp reads 0. */
    public static final Param.Int BEHIND = Param.ofInt(8, "behind", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(TOP, BOTTOM, LEFT, RIGHT, PAD_TYPE, VALUE, PER_CHANNEL_PAD_DATA_SIZE, FRONT, BEHIND),
            List.of(WeightSlot.float32("per_channel_pad_data")));

    private Padding() {
    }
}

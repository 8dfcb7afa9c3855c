package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Convolution} layer, as operators.md lists it.
 */
public final class Convolution {
    public static final String TYPE = "Convolution";

    /**
     * Pad values (every pad param of Convolution* and Deconvolution*) that make ncnn work out
     * ONNX SAME_UPPER / SAME_LOWER pads from the input size at run time; not in operators.md,
     * read by convolution.cpp's make_padding.
     */
    public static final int PAD_SAME_UPPER = -233;
    public static final int PAD_SAME_LOWER = -234;

    /**
     * activation_type values of the layers with a fused activation (Convolution*, Deconvolution*,
     * InnerProduct); activation_params holds the activation's own params in order.
     */
    public static final int ACTIVATION_RELU = 1;
    public static final int ACTIVATION_LEAKY_RELU = 2;
    public static final int ACTIVATION_CLIP = 3;
    public static final int ACTIVATION_SIGMOID = 4;
    public static final int ACTIVATION_MISH = 5;
    public static final int ACTIVATION_HARDSWISH = 6;

    public static final Param.Int NUM_OUTPUT = Param.ofInt(0, "num_output", 0);
    public static final Param.Int KERNEL_W = Param.ofInt(1, "kernel_w", 0);
    public static final Param.Int DILATION_W = Param.ofInt(2, "dilation_w", 1);
    public static final Param.Int STRIDE_W = Param.ofInt(3, "stride_w", 1);
    public static final Param.Int PAD_LEFT = Param.ofInt(4, "pad_left", 0);
    public static final Param.Int BIAS_TERM = Param.ofInt(5, "bias_term", 0);
    public static final Param.Int WEIGHT_DATA_SIZE = Param.ofInt(6, "weight_data_size", 0);
    public static final Param.Int INT8_SCALE_TERM = Param.ofInt(8, "int8_scale_term", 0);
    public static final Param.Int ACTIVATION_TYPE = Param.ofInt(9, "activation_type", 0);
    public static final Param.FloatArray ACTIVATION_PARAMS = Param.ofFloatArray(10, "activation_params");
    public static final Param.Int KERNEL_H = Param.ofInt(11, "kernel_h", KERNEL_W);
    public static final Param.Int DILATION_H = Param.ofInt(12, "dilation_h", DILATION_W);
    public static final Param.Int STRIDE_H = Param.ofInt(13, "stride_h", STRIDE_W);
    public static final Param.Int PAD_TOP = Param.ofInt(14, "pad_top", PAD_LEFT);
    public static final Param.Int PAD_RIGHT = Param.ofInt(15, "pad_right", PAD_LEFT);
    public static final Param.Int PAD_BOTTOM = Param.ofInt(16, "pad_bottom", PAD_TOP);
    public static final Param.Float PAD_VALUE = Param.ofFloat(18, "pad_value", 0.0f);
    public static final Param.Int DYNAMIC_WEIGHT = Param.ofInt(19, "dynamic_weight", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(NUM_OUTPUT, KERNEL_W, DILATION_W, STRIDE_W, PAD_LEFT, BIAS_TERM, WEIGHT_DATA_SIZE,
                    INT8_SCALE_TERM, ACTIVATION_TYPE, ACTIVATION_PARAMS, KERNEL_H, DILATION_H, STRIDE_H, PAD_TOP,
                    PAD_RIGHT, PAD_BOTTOM, PAD_VALUE, DYNAMIC_WEIGHT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data"),
                    WeightSlot.float32("weight_data_int8_scales"), WeightSlot.float32("bottom_blob_int8_scales"),
                    WeightSlot.float32("top_blob_int8_scales")));

    private Convolution() {
    }
}

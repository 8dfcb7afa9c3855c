package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Deconvolution} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} are theirs.
 */
public final class Deconvolution {
    public static final String TYPE = "Deconvolution";

    public static final Param.Int OUTPUT_PAD_RIGHT = Param.ofInt(18, "output_pad_right", 0);
    public static final Param.Int OUTPUT_PAD_BOTTOM = Param.ofInt(19, "output_pad_bottom", OUTPUT_PAD_RIGHT);
    public static final Param.Int OUTPUT_W = Param.ofInt(20, "output_w", 0);
    public static final Param.Int OUTPUT_H = Param.ofInt(21, "output_h", OUTPUT_W);
    public static final Param.Int DYNAMIC_WEIGHT = Param.ofInt(28, "dynamic_weight", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS, Convolution.KERNEL_H,
                    Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP, Convolution.PAD_RIGHT,
                    Convolution.PAD_BOTTOM, OUTPUT_PAD_RIGHT, OUTPUT_PAD_BOTTOM, OUTPUT_W, OUTPUT_H, DYNAMIC_WEIGHT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private Deconvolution() {
    }
}

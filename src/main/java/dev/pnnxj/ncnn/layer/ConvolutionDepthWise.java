package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ConvolutionDepthWise} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} are theirs.
 */
public final class ConvolutionDepthWise {
    public static final String TYPE = "ConvolutionDepthWise";

    public static final Param.Int GROUP = Param.ofInt(7, "group", 1);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE, GROUP,
                    Convolution.INT8_SCALE_TERM, Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS,
                    Convolution.KERNEL_H, Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP,
                    Convolution.PAD_RIGHT, Convolution.PAD_BOTTOM, Convolution.PAD_VALUE,
                    Convolution.DYNAMIC_WEIGHT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data"),
                    WeightSlot.float32("weight_data_int8_scales"), WeightSlot.float32("bottom_blob_int8_scales"),
                    WeightSlot.float32("top_blob_int8_scales")));

    private ConvolutionDepthWise() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code DeconvolutionDepthWise} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} and {@link ConvolutionDepthWise} and {@link Deconvolution} are theirs.
 */
public final class DeconvolutionDepthWise {
    public static final String TYPE = "DeconvolutionDepthWise";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    ConvolutionDepthWise.GROUP, Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS,
                    Convolution.KERNEL_H, Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP,
                    Convolution.PAD_RIGHT, Convolution.PAD_BOTTOM, Deconvolution.OUTPUT_PAD_RIGHT,
                    Deconvolution.OUTPUT_PAD_BOTTOM, Deconvolution.OUTPUT_W, Deconvolution.OUTPUT_H,
                    Deconvolution.DYNAMIC_WEIGHT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private DeconvolutionDepthWise() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Deconvolution1D} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} and {@link Deconvolution} are theirs.
 */
public final class Deconvolution1D {
    public static final String TYPE = "Deconvolution1D";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS, Convolution.PAD_RIGHT,
                    Deconvolution.OUTPUT_PAD_RIGHT, Deconvolution.OUTPUT_W, Deconvolution.DYNAMIC_WEIGHT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private Deconvolution1D() {
    }
}

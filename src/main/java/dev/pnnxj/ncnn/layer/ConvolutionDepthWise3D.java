package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code ConvolutionDepthWise3D} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} and {@link Convolution3D} and {@link ConvolutionDepthWise} are theirs.
 */
public final class ConvolutionDepthWise3D {
    public static final String TYPE = "ConvolutionDepthWise3D";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    ConvolutionDepthWise.GROUP, Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS,
                    Convolution.KERNEL_H, Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP,
                    Convolution.PAD_RIGHT, Convolution.PAD_BOTTOM, Convolution3D.PAD_BEHIND, Convolution.PAD_VALUE,
                    Convolution3D.KERNEL_D, Convolution3D.DILATION_D, Convolution3D.STRIDE_D,
                    Convolution3D.PAD_FRONT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private ConvolutionDepthWise3D() {
    }
}

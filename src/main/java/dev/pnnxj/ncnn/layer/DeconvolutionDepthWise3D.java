package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code DeconvolutionDepthWise3D} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} and {@link Convolution3D} and {@link ConvolutionDepthWise} and {@link Deconvolution} and {@link Deconvolution3D} are theirs.
 */
public final class DeconvolutionDepthWise3D {
    public static final String TYPE = "DeconvolutionDepthWise3D";

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    ConvolutionDepthWise.GROUP, Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS,
                    Convolution.KERNEL_H, Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP,
                    Convolution.PAD_RIGHT, Convolution.PAD_BOTTOM, Convolution3D.PAD_BEHIND,
                    Deconvolution.OUTPUT_PAD_RIGHT, Deconvolution.OUTPUT_PAD_BOTTOM,
                    Deconvolution3D.OUTPUT_PAD_BEHIND, Convolution3D.KERNEL_D, Convolution3D.DILATION_D,
                    Convolution3D.STRIDE_D, Convolution3D.PAD_FRONT, Deconvolution3D.OUTPUT_W,
                    Deconvolution3D.OUTPUT_H, Deconvolution3D.OUTPUT_D),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private DeconvolutionDepthWise3D() {
    }
}

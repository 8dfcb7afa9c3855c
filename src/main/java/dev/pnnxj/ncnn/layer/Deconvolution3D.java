package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Deconvolution3D} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} and {@link Convolution3D} and {@link Deconvolution} are theirs.
 */
public final class Deconvolution3D {
    public static final String TYPE = "Deconvolution3D";

    public static final Param.Int OUTPUT_PAD_BEHIND = Param.ofInt(20, "output_pad_behind", Deconvolution.OUTPUT_PAD_RIGHT);
    public static final Param.Int OUTPUT_W = Param.ofInt(25, "output_w", 0);
    public static final Param.Int OUTPUT_H = Param.ofInt(26, "output_h", OUTPUT_W);
    public static final Param.Int OUTPUT_D = Param.ofInt(27, "output_d", OUTPUT_W);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS, Convolution.KERNEL_H,
                    Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP, Convolution.PAD_RIGHT,
                    Convolution.PAD_BOTTOM, Convolution3D.PAD_BEHIND, Deconvolution.OUTPUT_PAD_RIGHT,
                    Deconvolution.OUTPUT_PAD_BOTTOM, OUTPUT_PAD_BEHIND, Convolution3D.KERNEL_D,
                    Convolution3D.DILATION_D, Convolution3D.STRIDE_D, Convolution3D.PAD_FRONT, OUTPUT_W, OUTPUT_H,
                    OUTPUT_D),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private Deconvolution3D() {
    }
}

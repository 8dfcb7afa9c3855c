package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code Convolution3D} layer, as operators.md lists it.
 * Params it has in common with {@link Convolution} are theirs.
 */
public final class Convolution3D {
    public static final String TYPE = "Convolution3D";

    public static final Param.Int KERNEL_D = Param.ofInt(21, "kernel_d", Convolution.KERNEL_W);
    public static final Param.Int DILATION_D = Param.ofInt(22, "dilation_d", Convolution.DILATION_W);
    public static final Param.Int STRIDE_D = Param.ofInt(23, "stride_d", Convolution.STRIDE_W);
    public static final Param.Int PAD_FRONT = Param.ofInt(24, "pad_front", Convolution.PAD_LEFT);
    public static final Param.Int PAD_BEHIND = Param.ofInt(17, "pad_behind", PAD_FRONT);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Convolution.NUM_OUTPUT, Convolution.KERNEL_W, Convolution.DILATION_W, Convolution.STRIDE_W,
                    Convolution.PAD_LEFT, Convolution.BIAS_TERM, Convolution.WEIGHT_DATA_SIZE,
                    Convolution.ACTIVATION_TYPE, Convolution.ACTIVATION_PARAMS, Convolution.KERNEL_H,
                    Convolution.DILATION_H, Convolution.STRIDE_H, Convolution.PAD_TOP, Convolution.PAD_RIGHT,
                    Convolution.PAD_BOTTOM, PAD_BEHIND, Convolution.PAD_VALUE, KERNEL_D, DILATION_D, STRIDE_D,
                    PAD_FRONT),
            List.of(WeightSlot.auto("weight_data"), WeightSlot.float32("bias_data")));

    private Convolution3D() {
    }
}

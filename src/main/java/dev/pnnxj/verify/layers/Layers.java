package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** THE table of ncnn layer types the reference executor implements. */
public final class Layers {
    private static final Map<String, Supplier<Layer>> TABLE = new TreeMap<>();

    static {
        TABLE.put("Input", Input::new);
        TABLE.put("Split", Split::new);
        TABLE.put("Noop", Noop::new);
        TABLE.put("MemoryData", MemoryData::new);

        TABLE.put("Convolution1D", () -> new Convolution(1, false));
        TABLE.put("ConvolutionDepthWise1D", () -> new Convolution(1, true));
        TABLE.put("Convolution", () -> new Convolution(2, false));
        TABLE.put("ConvolutionDepthWise", () -> new Convolution(2, true));
        TABLE.put("Convolution3D", () -> new Convolution(3, false));
        TABLE.put("ConvolutionDepthWise3D", () -> new Convolution(3, true));
        TABLE.put("Deconvolution1D", () -> new Deconvolution(1, false));
        TABLE.put("DeconvolutionDepthWise1D", () -> new Deconvolution(1, true));
        TABLE.put("Deconvolution", () -> new Deconvolution(2, false));
        TABLE.put("DeconvolutionDepthWise", () -> new Deconvolution(2, true));
        TABLE.put("Deconvolution3D", () -> new Deconvolution(3, false));
        TABLE.put("DeconvolutionDepthWise3D", () -> new Deconvolution(3, true));
        TABLE.put("Pooling1D", () -> new Pooling(1));
        TABLE.put("Pooling", () -> new Pooling(2));
        TABLE.put("Pooling3D", () -> new Pooling(3));
        TABLE.put("InnerProduct", InnerProduct::new);
        TABLE.put("Embed", Embed::new);
        TABLE.put("Gemm", Gemm::new);
        TABLE.put("MatMul", MatMul::new);

        TABLE.put("BatchNorm", BatchNorm::new);
        TABLE.put("LayerNorm", () -> new LayerNorm(false));
        TABLE.put("RMSNorm", () -> new LayerNorm(true));
        TABLE.put("GroupNorm", GroupNorm::new);
        TABLE.put("InstanceNorm", InstanceNorm::new);
        TABLE.put("PReLU", PReLU::new);
        TABLE.put("LRN", LRN::new);
        TABLE.put("Softmax", Softmax::new);
        TABLE.put("Reduction", Reduction::new);
        TABLE.put("CumulativeSum", CumulativeSum::new);

        TABLE.put("ReLU", () -> new Pointwise(Pointwise::relu));
        TABLE.put("Clip", () -> new Pointwise(Pointwise::clip));
        TABLE.put("Sigmoid", () -> new Pointwise(p -> MathF::sigmoid));
        TABLE.put("TanH", () -> new Pointwise(p -> MathF::tanh));
        TABLE.put("ELU", () -> new Pointwise(Pointwise::elu));
        TABLE.put("SELU", () -> new Pointwise(Pointwise::selu));
        TABLE.put("CELU", () -> new Pointwise(Pointwise::celu));
        TABLE.put("HardSigmoid", () -> new Pointwise(Pointwise::hardSigmoid));
        TABLE.put("HardSwish", () -> new Pointwise(Pointwise::hardSwish));
        TABLE.put("Swish", () -> new Pointwise(p -> x -> x / (1f + MathF.exp(-x))));
        TABLE.put("Mish", () -> new Pointwise(Pointwise::mish));
        TABLE.put("GELU", () -> new Pointwise(Pointwise::gelu));
        TABLE.put("Erf", () -> new Pointwise(p -> x -> (float) (1.0 - MathF.erfc(x))));
        TABLE.put("Softplus", () -> new Pointwise(p -> x -> (float) Math.log(Math.exp(x) + 1.0)));
        TABLE.put("Threshold", () -> new Pointwise(Pointwise::threshold));
        TABLE.put("Shrink", () -> new Pointwise(Pointwise::shrink));
        TABLE.put("AbsVal", () -> new Pointwise(p -> Math::abs));
        TABLE.put("Dropout", () -> new Pointwise(Pointwise::dropout));
        TABLE.put("UnaryOp", UnaryOp::new);
        TABLE.put("BinaryOp", BinaryOp::new);
        TABLE.put("Eltwise", Eltwise::new);

        TABLE.put("Flatten", Flatten::new);
        TABLE.put("Reshape", Reshape::new);
        TABLE.put("Permute", Permute::new);
        TABLE.put("Squeeze", Squeeze::new);
        TABLE.put("ExpandDims", ExpandDims::new);
        TABLE.put("Concat", Concat::new);
        TABLE.put("Slice", Slice::new);
        TABLE.put("Crop", Crop::new);
        TABLE.put("Padding", Padding::new);
        TABLE.put("Tile", Tile::new);
        TABLE.put("Interp", Interp::new);
        TABLE.put("GridSample", GridSample::new);
        TABLE.put("PixelShuffle", PixelShuffle::new);
        TABLE.put("Reorg", Reorg::new);
        TABLE.put("ShuffleChannel", ShuffleChannel::new);
        TABLE.put("Flip", Flip::new);

        TABLE.put("LSTM", LSTM::new);
        TABLE.put("GRU", GRU::new);
        TABLE.put("RNN", RNN::new);
        TABLE.put("MultiHeadAttention", MultiHeadAttention::new);
    }

    private Layers() {
    }

    public static boolean isKnown(String type) {
        return TABLE.containsKey(type);
    }

    /** A fresh layer of {@code type}; the type must be {@link #isKnown known}. */
    public static Layer create(String type) {
        Supplier<Layer> s = TABLE.get(type);
        if (s == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
        return s.get();
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of ncnn layer types pnnx-j writes or executes, keyed by type name. Each type's
 * class (e.g. {@link Interp}) names its params ({@code Interp.RESIZE_TYPE}) and its type
 * ({@code Interp.TYPE}); a new layer gets a class and a line here, and the schema test checks it
 * against ncnn's operators.md.
 */
public final class LayerSchemas {
    private static final Map<String, LayerSchema> TABLE = new TreeMap<>();

    static {
        for (LayerSchema s : List.of(
                AbsVal.SCHEMA, BatchNorm.SCHEMA, BinaryOp.SCHEMA, CELU.SCHEMA, Clip.SCHEMA, Concat.SCHEMA,
                Convolution.SCHEMA, Convolution1D.SCHEMA, Convolution3D.SCHEMA, ConvolutionDepthWise.SCHEMA,
                ConvolutionDepthWise1D.SCHEMA, ConvolutionDepthWise3D.SCHEMA, Crop.SCHEMA, CumulativeSum.SCHEMA,
                Deconvolution.SCHEMA, Deconvolution1D.SCHEMA, Deconvolution3D.SCHEMA, DeconvolutionDepthWise.SCHEMA,
                DeconvolutionDepthWise1D.SCHEMA, DeconvolutionDepthWise3D.SCHEMA, Dropout.SCHEMA, ELU.SCHEMA,
                Eltwise.SCHEMA, Embed.SCHEMA, Erf.SCHEMA, ExpandDims.SCHEMA, Flatten.SCHEMA, Flip.SCHEMA, GELU.SCHEMA,
                GRU.SCHEMA, Gemm.SCHEMA, GridSample.SCHEMA, GroupNorm.SCHEMA, HardSigmoid.SCHEMA, HardSwish.SCHEMA,
                InnerProduct.SCHEMA, Input.SCHEMA, InstanceNorm.SCHEMA, Interp.SCHEMA, LRN.SCHEMA, LSTM.SCHEMA,
                LayerNorm.SCHEMA, MatMul.SCHEMA, MemoryData.SCHEMA, Mish.SCHEMA, MultiHeadAttention.SCHEMA, Noop.SCHEMA,
                PReLU.SCHEMA, Padding.SCHEMA, Permute.SCHEMA, PixelShuffle.SCHEMA, Pooling.SCHEMA, Pooling1D.SCHEMA,
                Pooling3D.SCHEMA, RMSNorm.SCHEMA, RNN.SCHEMA, ReLU.SCHEMA, Reduction.SCHEMA, Reorg.SCHEMA,
                Reshape.SCHEMA, SELU.SCHEMA, Shrink.SCHEMA, ShuffleChannel.SCHEMA, Sigmoid.SCHEMA, Slice.SCHEMA,
                Softmax.SCHEMA, Softplus.SCHEMA, Split.SCHEMA, Squeeze.SCHEMA, Swish.SCHEMA, TanH.SCHEMA,
                Threshold.SCHEMA, Tile.SCHEMA, UnaryOp.SCHEMA)) {
            if (TABLE.put(s.type(), s) != null) {
                throw new IllegalStateException("two schemas for " + s.type());
            }
        }
    }

    private LayerSchemas() {
    }

    /** Every layer type's schema, by type name. */
    public static Map<String, LayerSchema> all() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    /** The schema of a layer type, or null when pnnx-j knows no such type. */
    public static LayerSchema of(String type) {
        return TABLE.get(type);
    }
}

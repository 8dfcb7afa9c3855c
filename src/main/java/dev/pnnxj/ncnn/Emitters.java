package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.emit.ActivationEmitters;
import dev.pnnxj.ncnn.emit.BatchNormEmitter;
import dev.pnnxj.ncnn.emit.BinaryOpEmitter;
import dev.pnnxj.ncnn.emit.CastEmitter;
import dev.pnnxj.ncnn.emit.ClipEmitter;
import dev.pnnxj.ncnn.emit.ComparisonEmitter;
import dev.pnnxj.ncnn.emit.ConcatEmitter;
import dev.pnnxj.ncnn.emit.ConvolutionEmitter;
import dev.pnnxj.ncnn.emit.CropEmitter;
import dev.pnnxj.ncnn.emit.CumSumEmitter;
import dev.pnnxj.ncnn.emit.DeconvolutionEmitter;
import dev.pnnxj.ncnn.emit.EinsumEmitter;
import dev.pnnxj.ncnn.emit.FlattenEmitter;
import dev.pnnxj.ncnn.emit.GatherEmitter;
import dev.pnnxj.ncnn.emit.GridSampleEmitter;
import dev.pnnxj.ncnn.emit.GroupNormEmitter;
import dev.pnnxj.ncnn.emit.InnerProductEmitter;
import dev.pnnxj.ncnn.emit.InterpEmitter;
import dev.pnnxj.ncnn.emit.LayerNormEmitter;
import dev.pnnxj.ncnn.emit.LogicEmitter;
import dev.pnnxj.ncnn.emit.LrnEmitter;
import dev.pnnxj.ncnn.emit.MatMulEmitter;
import dev.pnnxj.ncnn.emit.ModEmitter;
import dev.pnnxj.ncnn.emit.MultiHeadAttentionEmitter;
import dev.pnnxj.ncnn.emit.PReluEmitter;
import dev.pnnxj.ncnn.emit.PaddingEmitter;
import dev.pnnxj.ncnn.emit.PassThroughEmitter;
import dev.pnnxj.ncnn.emit.Refusal;
import dev.pnnxj.ncnn.emit.PermuteEmitter;
import dev.pnnxj.ncnn.emit.PowEmitter;
import dev.pnnxj.ncnn.emit.PixelShuffleEmitter;
import dev.pnnxj.ncnn.emit.PoolingEmitter;
import dev.pnnxj.ncnn.emit.RecurrentEmitter;
import dev.pnnxj.ncnn.emit.ReorgEmitter;
import dev.pnnxj.ncnn.emit.ReductionEmitter;
import dev.pnnxj.ncnn.emit.ReshapeEmitter;
import dev.pnnxj.ncnn.emit.ShuffleChannelEmitter;
import dev.pnnxj.ncnn.emit.SliceEmitter;
import dev.pnnxj.ncnn.emit.SoftmaxEmitter;
import dev.pnnxj.ncnn.emit.TileEmitter;
import dev.pnnxj.ncnn.emit.UnaryOpEmitter;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one table of IR op type → ncnn emitter. An op missing here is reported as unsupported
 * before anything is written.
 */
public final class Emitters {
    private static final Map<String, Emitter> TABLE = new TreeMap<>();

    static {
        // --- convolution, pooling, dense, normalisation, activations ---
        register("Conv", new ConvolutionEmitter());
        register("ConvTranspose", new DeconvolutionEmitter());
        register("MaxPool", new PoolingEmitter());
        register("AveragePool", new PoolingEmitter());
        register("GlobalMaxPool", new PoolingEmitter());
        register("GlobalAveragePool", new PoolingEmitter());
        register("AdaptiveMaxPool", new PoolingEmitter());
        register("AdaptiveAveragePool", new PoolingEmitter());
        register("Gemm", new InnerProductEmitter());
        register("MatMul", new MatMulEmitter());
        register("Einsum", new EinsumEmitter());
        register("MultiHeadAttention", new MultiHeadAttentionEmitter());
        register("BatchNormalization", new BatchNormEmitter());
        register("LayerNormalization", LayerNormEmitter.layerNorm());
        register("RMSNormalization", LayerNormEmitter.rmsNorm());
        register("GroupNormalization", GroupNormEmitter.groupNorm());
        register("InstanceNormalization", GroupNormEmitter.instanceNorm());
        register("PRelu", new PReluEmitter());
        register("LRN", new LrnEmitter());
        register("BatchFirstLSTM", RecurrentEmitter.lstm());
        register("BatchFirstGRU", RecurrentEmitter.gru());
        register("BatchFirstRNN", RecurrentEmitter.rnn());
        register("Clip", new ClipEmitter());
        register("Softmax", new SoftmaxEmitter());
        register("LogSoftmax", new SoftmaxEmitter());
        ActivationEmitters.all().forEach(Emitters::register);

        // --- tensor shape, elementwise, reduction ---
        register("Identity", new PassThroughEmitter());
        register("Dropout", new PassThroughEmitter());
        register("Reshape", new ReshapeEmitter());
        register("Squeeze", new ReshapeEmitter());
        register("Unsqueeze", new ReshapeEmitter());
        register("Flatten", new FlattenEmitter());
        register("Transpose", new PermuteEmitter());
        register("DepthToSpace", new PixelShuffleEmitter());
        register("ShuffleChannel", new ShuffleChannelEmitter());
        register("Concat", new ConcatEmitter());
        register("Gather", new GatherEmitter());
        register("Split", new SliceEmitter());
        register("Slice", new CropEmitter());
        register("Pad", new PaddingEmitter());
        register("Tile", TileEmitter.tile());
        register("Expand", TileEmitter.expand());
        register("Resize", new InterpEmitter());
        register("GridSample", new GridSampleEmitter());
        register("SpaceToDepth", new ReorgEmitter());
        register("Add", new BinaryOpEmitter(BinaryOpEmitter.ADD));
        register("Sub", new BinaryOpEmitter(BinaryOpEmitter.SUB, BinaryOpEmitter.RSUB));
        register("Mul", new BinaryOpEmitter(BinaryOpEmitter.MUL));
        register("Div", new BinaryOpEmitter(BinaryOpEmitter.DIV, BinaryOpEmitter.RDIV));
        register("Max", new BinaryOpEmitter(BinaryOpEmitter.MAX));
        register("Min", new BinaryOpEmitter(BinaryOpEmitter.MIN));
        register("Pow", new PowEmitter());
        register("Mod", new ModEmitter());
        register("Abs", new UnaryOpEmitter(UnaryOpEmitter.ABS));
        register("Neg", new UnaryOpEmitter(UnaryOpEmitter.NEG));
        register("Floor", new UnaryOpEmitter(UnaryOpEmitter.FLOOR));
        register("Ceil", new UnaryOpEmitter(UnaryOpEmitter.CEIL));
        register("Sqrt", new UnaryOpEmitter(UnaryOpEmitter.SQRT));
        register("Exp", new UnaryOpEmitter(UnaryOpEmitter.EXP));
        register("Log", new UnaryOpEmitter(UnaryOpEmitter.LOG));
        register("Sin", new UnaryOpEmitter(UnaryOpEmitter.SIN));
        register("Cos", new UnaryOpEmitter(UnaryOpEmitter.COS));
        register("Tan", new UnaryOpEmitter(UnaryOpEmitter.TAN));
        register("Asin", new UnaryOpEmitter(UnaryOpEmitter.ASIN));
        register("Acos", new UnaryOpEmitter(UnaryOpEmitter.ACOS));
        register("Atan", new UnaryOpEmitter(UnaryOpEmitter.ATAN));
        register("Reciprocal", new UnaryOpEmitter(UnaryOpEmitter.RECIPROCAL));
        register("Round", new UnaryOpEmitter(UnaryOpEmitter.ROUND));
        register("Sign", new UnaryOpEmitter(UnaryOpEmitter.SIGN));
        register("Sinh", new UnaryOpEmitter(UnaryOpEmitter.SINH));
        register("Cosh", new UnaryOpEmitter(UnaryOpEmitter.COSH));
        register("Asinh", new UnaryOpEmitter(UnaryOpEmitter.ASINH));
        register("Acosh", new UnaryOpEmitter(UnaryOpEmitter.ACOSH));
        register("Atanh", new UnaryOpEmitter(UnaryOpEmitter.ATANH));
        register("Expm1", new UnaryOpEmitter(UnaryOpEmitter.EXPM1));
        register("Log1p", new UnaryOpEmitter(UnaryOpEmitter.LOG1P));
        register("Greater", ComparisonEmitter.greater());
        register("Less", ComparisonEmitter.less());
        register("GreaterOrEqual", ComparisonEmitter.greaterOrEqual());
        register("LessOrEqual", ComparisonEmitter.lessOrEqual());
        register("Equal", ComparisonEmitter.equal());
        register("Not", LogicEmitter.not());
        register("And", LogicEmitter.and());
        register("Or", LogicEmitter.or());
        register("Cast", new CastEmitter());
        // RewriteWhere turns every Where it can into multiplies; what reaches lowering cannot be
        register("Where", new Refusal("ncnn has no select layer, and a Where with a data condition is lowered"
                + " as x * c + z * (1 - c) only for float32 results with finite constant branches"
                + " (inf * 0 would give NaN)"));
        register("CumSum", new CumSumEmitter());
        register("ReduceSum", new ReductionEmitter(ReductionEmitter.SUM));
        register("ReduceSumSquare", new ReductionEmitter(ReductionEmitter.SUMSQ));
        register("ReduceMean", new ReductionEmitter(ReductionEmitter.MEAN));
        register("ReduceMax", new ReductionEmitter(ReductionEmitter.MAX));
        register("ReduceMin", new ReductionEmitter(ReductionEmitter.MIN));
        register("ReduceProd", new ReductionEmitter(ReductionEmitter.PROD));
        register("ReduceL1", new ReductionEmitter(ReductionEmitter.L1));
        register("ReduceL2", new ReductionEmitter(ReductionEmitter.L2));
        register("ReduceLogSum", new ReductionEmitter(ReductionEmitter.LOG_SUM));
        register("ReduceLogSumExp", new ReductionEmitter(ReductionEmitter.LOG_SUM_EXP));
    }

    private Emitters() {
    }

    /** Every ncnn layer type some emitter may write. */
    public static Set<String> layerTypes() {
        Set<String> types = new TreeSet<>();
        for (Emitter e : TABLE.values()) {
            types.addAll(e.layerTypes());
        }
        return types;
    }

    /** Every op type with an emitter. */
    public static Set<String> ops() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    /** The emitter for an op type, or null. */
    public static Emitter get(String op) {
        return TABLE.get(op);
    }

    private static void register(String op, Emitter e) {
        if (TABLE.put(op, e) != null) {
            throw new IllegalStateException("two emitters for " + op);
        }
    }
}

package dev.pnnxj.ncnn;

import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of IR op type → ncnn emitter. An op missing here is reported as unsupported
 * before anything is written.
 */
public final class Emitters {
    private static final Map<String, Emitter> TABLE = new TreeMap<>();

    static {
        // --- convolution, pooling, dense, normalisation, activations ---
        // (qualified names keep this section's changes out of the shared import block)
        register("Conv", new dev.pnnxj.ncnn.emit.ConvolutionEmitter());
        register("ConvTranspose", new dev.pnnxj.ncnn.emit.DeconvolutionEmitter());
        register("MaxPool", new dev.pnnxj.ncnn.emit.PoolingEmitter());
        register("AveragePool", new dev.pnnxj.ncnn.emit.PoolingEmitter());
        register("GlobalMaxPool", new dev.pnnxj.ncnn.emit.PoolingEmitter());
        register("GlobalAveragePool", new dev.pnnxj.ncnn.emit.PoolingEmitter());
        register("Gemm", new dev.pnnxj.ncnn.emit.InnerProductEmitter());
        register("MatMul", new dev.pnnxj.ncnn.emit.MatMulEmitter());
        register("BatchNormalization", new dev.pnnxj.ncnn.emit.BatchNormEmitter());
        register("PRelu", new dev.pnnxj.ncnn.emit.PReluEmitter());
        register("Clip", new dev.pnnxj.ncnn.emit.ClipEmitter());
        register("Softmax", new dev.pnnxj.ncnn.emit.SoftmaxEmitter());
        register("LogSoftmax", new dev.pnnxj.ncnn.emit.SoftmaxEmitter());
        dev.pnnxj.ncnn.emit.ActivationEmitters.all().forEach(Emitters::register);

        // --- tensor shape, elementwise, reduction ---
    }

    private Emitters() {
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

package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Tensor;

/**
 * One weight blob of a layer, in the order the layer's {@code load_model} reads it.
 *
 * @param name     source name (initializer name, or a derived one such as {@code conv1.weight+bn})
 * @param data     the values; any floating dtype, converted while writing
 * @param flagged  true when ncnn loads it with type 0 (a 4-byte storage tag precedes the data, so
 *                 it may be stored as fp16); false for type 1 (raw fp32, no tag)
 * @param fp32     a flagged weight kept fp32 under fp16=1: an additive term such as Gemm's C, which
 *                 pnnx keeps fp32 too, because fp16's 11 bits would shift every output by the rounding
 */
public record Weight(String name, Tensor data, boolean flagged, boolean fp32) {
    public Weight(String name, Tensor data, boolean flagged) {
        this(name, data, flagged, false);
    }

    /** A weight ncnn loads with type 0, always stored as tagged fp32. */
    public static Weight taggedFp32(String name, Tensor data) {
        return new Weight(name, data, true, true);
    }
}

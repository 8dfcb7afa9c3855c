package dev.pnnxj.ncnn;

import dev.pnnxj.ir.Tensor;

/**
 * One weight blob of a layer, in the order the layer's {@code load_model} reads it.
 *
 * @param name     source name (initializer name, or a derived one such as {@code conv1.weight+bn})
 * @param data     the values; any floating dtype, converted while writing
 * @param flagged  true when ncnn loads it with type 0 (a 4-byte storage tag precedes the data, so
 *                 it may be stored as fp16); false for type 1 (raw fp32, no tag)
 */
public record Weight(String name, Tensor data, boolean flagged) {
}

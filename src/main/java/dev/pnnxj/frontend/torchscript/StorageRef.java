package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.DType;

/**
 * A storage as data.pkl names it (its persistent id): the entry {@code data/<key>} holding
 * {@code numel} elements of {@code dtype}.
 */
record StorageRef(String key, DType dtype, long numel) {
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.DType;

/**
 * A storage as a pickle names it (its persistent id): the archive entry holding {@code numel}
 * elements of {@code dtype}, {@code data/<key>} for data.pkl and {@code constants/<key>} for
 * constants.pkl.
 */
record StorageRef(String entry, DType dtype, long numel) {
}

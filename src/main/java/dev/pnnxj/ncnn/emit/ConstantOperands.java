package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter.Unsupported;
import dev.pnnxj.ncnn.Lowering;
import java.util.Arrays;

/**
 * Constants that an op reads next to activations. A constant keeps all its IR dims while an
 * activation usually loses its batch axis, so before it becomes a MemoryData blob the constant is
 * re-viewed with the activation's layout: numpy-aligned to the result's rank, then the batch axis
 * dropped unless the lowering's {@link dev.pnnxj.ncnn.BatchLayouts} keep it for that activation.
 * Same-rank blobs then meet axis by axis, where ncnn broadcasts exactly like numpy.
 */
final class ConstantOperands {
    private ConstantOperands() {
    }

    /** The blob of the constant with the ncnn layout of {@code like} (an activation of the same IR rank or higher). */
    static String alignedTo(Lowering ctx, Value constant, Value like) {
        int rank = like.shape().rank();
        int[] dims = constant.shape().dims();
        if (dims.length > rank) {
            throw new Unsupported("constant '" + constant.name() + "' " + constant.shape() + " has more dims than "
                    + like.shape());
        }
        int[] aligned = new int[rank];
        Arrays.fill(aligned, 1);
        System.arraycopy(dims, 0, aligned, rank - dims.length, dims.length);
        int[] ncnn = aligned;
        if (ctx.hasBatch(like)) {
            if (aligned[0] != 1) {
                throw new Unsupported("constant '" + constant.name() + "' " + constant.shape()
                        + " spans the batch axis, which ncnn drops");
            }
            ncnn = Arrays.copyOfRange(aligned, 1, rank);
        }
        if (Arrays.equals(ncnn, dims)) {
            return ctx.blob(constant);
        }
        return ctx.memoryData(constant.name(), constant.constant().reshape(Shape.of(ncnn)));
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import java.util.List;

/** Computes one op's outputs from input tensors (null for omitted optional inputs). */
@FunctionalInterface
public interface Kernel {
    /**
     * The output tensors in output order, or null when this form of the op is not evaluated here.
     * Throws {@link IllegalArgumentException} or {@link ArithmeticException} for invalid inputs.
     */
    List<Tensor> apply(Node node, List<Tensor> inputs);

    /** Input {@code i} as integers, or null when it is omitted. */
    static long[] optionalLongs(List<Tensor> inputs, int i) {
        return i < inputs.size() && inputs.get(i) != null ? inputs.get(i).toLongs() : null;
    }
}

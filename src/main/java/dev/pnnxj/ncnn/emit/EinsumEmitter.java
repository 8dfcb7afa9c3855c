package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import java.util.Set;

/**
 * An Einsum left by RewriteEinsum, which lowers every form one MatMul computes: the rest (one or
 * three operands, a letter summed away from one operand, repeated letters, "...") is refused with
 * the forms that do convert, rather than written as ncnn's Einsum layer, which the executor that
 * checks every conversion does not implement.
 */
public final class EinsumEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        throw new Unsupported("einsum '" + node.getString("equation", "?") + "' of " + node.inputs().size()
                + " operand(s): pnnx-j lowers two operands whose letters are each batch (in both and the result),"
                + " contracted (in both) or free (in one and the result), with an explicit '->' and known shapes");
    }
}

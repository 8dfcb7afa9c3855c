package dev.pnnxj.passes.shape;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;

/** Reading parameter inputs (axes, pads, shapes ...) that must be constants to be understood. */
public final class ConstInputs {
    private ConstInputs() {
    }

    /** Whether input {@code i} is omitted or a constant, i.e. its content is known. */
    public static boolean known(Node n, int i) {
        Value v = n.input(i);
        return v == null || v.isConstant();
    }

    /** Input {@code i}'s elements as integers; null when it is omitted or not a constant. */
    public static long[] longs(Node n, int i) {
        Value v = n.input(i);
        return v == null || !v.isConstant() ? null : v.constant().toLongs();
    }

    /** Input {@code i}'s elements as numbers; null when it is omitted or not a constant. */
    public static double[] doubles(Node n, int i) {
        Value v = n.input(i);
        return v == null || !v.isConstant() ? null : v.constant().toDoubles();
    }
}

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

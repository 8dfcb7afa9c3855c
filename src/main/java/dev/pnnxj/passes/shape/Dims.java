package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;

import dev.pnnxj.ir.Shape;

/** Dimension arithmetic where {@link Shape#UNKNOWN} absorbs everything it touches. */
public final class Dims {
    private Dims() {
    }

    public static int add(int a, int b) {
        return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : a + b;
    }

    public static int mul(int a, int b) {
        return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : Math.multiplyExact(a, b);
    }

    /** Product of dims {@code [from, to)}. */
    public static int product(Shape s, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p = mul(p, s.dim(i));
        }
        return p;
    }

    /** A dim value from an integer tensor, checked to fit. */
    public static int of(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid dimension " + v);
        }
        return (int) v;
    }

    /** A shape from an integer tensor's elements, each checked to be a valid dim. */
    public static Shape shape(long[] dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = of(dims[i]);
        }
        return Shape.of(d);
    }

    /** Normalises possibly negative axes against {@code rank}, rejecting repeats. */
    public static int[] axes(long[] axes, int rank) {
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException("axis " + axes[i] + " out of range for rank " + rank);
            }
            if (seen[(int) a]) {
                throw new IllegalArgumentException("axis " + axes[i] + " repeated");
            }
            seen[(int) a] = true;
            out[i] = (int) a;
        }
        return out;
    }

    /** Normalises one possibly negative axis against {@code rank}. */
    public static int axis(long axis, int rank) {
        return axes(new long[] {axis}, rank)[0];
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Building tensors element by element: exact integer writes and type-blind element copies. */
final class Elements {
    private Elements() {
    }

    /** Integers stored exactly (wrapping to narrower types, like a C cast); bool is {@code v != 0}. */
    static Tensor ofLongs(DType t, Shape shape, long[] v) {
        if (t.isFloating()) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return Tensor.ofDoubles(t, shape, d);
        }
        ByteBuffer b = ByteBuffer.allocate(v.length * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            switch (t) {
                case BOOL -> b.put((byte) (x != 0 ? 1 : 0));
                case INT8, UINT8 -> b.put((byte) x);
                case INT16, UINT16 -> b.putShort((short) x);
                case INT32, UINT32 -> b.putInt((int) x);
                default -> b.putLong(x);
            }
        }
        b.flip();
        return Tensor.of(t, shape, b);
    }

    /** Element {@code index[i]} of {@code src}, for each i, as a tensor of shape {@code out}. */
    static Tensor pick(Tensor src, Shape out, int[] index) {
        return pick(out, List.of(src), null, index);
    }

    /**
     * Element {@code index[i]} of {@code sources[which[i]]} (of source 0 when {@code which} is null)
     * for each i. Copies bytes, so every type is exact.
     */
    static Tensor pick(Shape out, List<Tensor> sources, int[] which, int[] index) {
        DType t = sources.get(0).dtype();
        ByteBuffer[] src = new ByteBuffer[sources.size()];
        for (int s = 0; s < src.length; s++) {
            if (sources.get(s).dtype() != t) {
                throw new IllegalArgumentException("inputs of types " + t + " and " + sources.get(s).dtype());
            }
            src[s] = sources.get(s).bytes();
        }
        int size = t.size();
        byte[] bytes = new byte[Math.multiplyExact(index.length, size)];
        for (int i = 0; i < index.length; i++) {
            src[which == null ? 0 : which[i]].get(index[i] * size, bytes, i * size, size);
        }
        return Tensor.of(t, out, ByteBuffer.wrap(bytes));
    }
}

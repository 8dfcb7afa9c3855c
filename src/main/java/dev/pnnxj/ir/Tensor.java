package dev.pnnxj.ir;

import dev.pnnxj.util.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A constant tensor: weights, folded shapes, attribute values. The bytes are little-endian and
 * densely packed, and are produced on first use, so a weight that lives in a memory-mapped
 * external-data file or inside the protobuf buffer is never copied onto the heap to be written.
 */
public final class Tensor {
    private final DType dtype;
    private final Shape shape;
    private final Supplier<ByteBuffer> source;
    private final boolean keep;
    private ByteBuffer bytes;

    public Tensor(DType dtype, Shape shape, Supplier<ByteBuffer> source) {
        this(dtype, shape, source, true);
    }

    private Tensor(DType dtype, Shape shape, Supplier<ByteBuffer> source, boolean keep) {
        this.dtype = Objects.requireNonNull(dtype);
        this.shape = Objects.requireNonNull(shape);
        this.source = Objects.requireNonNull(source);
        this.keep = keep;
    }

    /**
     * A tensor computed from others (a transposed or re-sliced weight) each time its bytes are
     * asked for and never kept, so that a converted network does not hold a second copy of every
     * weight it rearranges: each is made while it is written, then dropped.
     */
    public static Tensor computed(DType dtype, Shape shape, Supplier<ByteBuffer> compute) {
        return new Tensor(dtype, shape, compute, false);
    }

    /** {@link #computed} float32 data: {@code compute} gives the elements in row-major order. */
    public static Tensor computedFloats(Shape shape, Supplier<float[]> compute) {
        return computed(DType.FLOAT32, shape, () -> {
            float[] values = compute.get();
            check(shape, values.length);
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return b;
        });
    }

    public static Tensor of(DType dtype, Shape shape, ByteBuffer data) {
        ByteBuffer ro = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return new Tensor(dtype, shape, () -> ro);
    }

    public static Tensor ofFloats(Shape shape, float... values) {
        check(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return of(DType.FLOAT32, shape, b);
    }

    public static Tensor ofLongs(Shape shape, long... values) {
        check(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return of(DType.INT64, shape, b);
    }

    public static Tensor ofInts(Shape shape, int... values) {
        check(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return of(DType.INT32, shape, b);
    }

    /** A tensor of the given type whose elements are the given numbers, converted. */
    public static Tensor ofDoubles(DType dtype, Shape shape, double... values) {
        check(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dtype) {
                case FLOAT32 -> b.putFloat((float) v);
                case FLOAT64 -> b.putDouble(v);
                case FLOAT16 -> b.putShort(Half.fromFloat((float) v));
                case BFLOAT16 -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                case INT8, UINT8 -> b.put((byte) (long) v);
                case BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                case INT16, UINT16 -> b.putShort((short) (long) v);
                case INT32, UINT32 -> b.putInt((int) (long) v);
                case INT64, UINT64 -> b.putLong((long) v);
            }
        }
        b.flip();
        return of(dtype, shape, b);
    }

    private static void check(Shape shape, int n) {
        if (shape.numel() != n) {
            throw new IllegalArgumentException(n + " values do not fill shape " + shape);
        }
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public long numel() {
        return shape.numel();
    }

    public long byteSize() {
        return numel() * dtype.size();
    }

    /** A fresh little-endian read-only view of the element bytes, positioned at 0. */
    public synchronized ByteBuffer bytes() {
        ByteBuffer view = bytes;
        if (view == null) {
            ByteBuffer b = source.get();
            if (b.remaining() != byteSize()) {
                throw new IllegalStateException("tensor data has " + b.remaining() + " bytes, shape " + shape
                        + " of " + dtype + " needs " + byteSize());
            }
            view = b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (keep) {
                bytes = view;
            }
        }
        return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Same data seen with another shape of the same element count. */
    public Tensor reshape(Shape newShape) {
        if (newShape.numel() != numel()) {
            throw new IllegalArgumentException("cannot view " + shape + " as " + newShape);
        }
        return new Tensor(dtype, newShape, this::bytes);
    }

    public double doubleAt(ByteBuffer b, long i) {
        int p = Math.toIntExact(i * dtype.size());
        return switch (dtype) {
            case FLOAT32 -> b.getFloat(p);
            case FLOAT64 -> b.getDouble(p);
            case FLOAT16 -> Half.toFloat(b.getShort(p));
            case BFLOAT16 -> Half.bf16ToFloat(b.getShort(p));
            case INT8 -> b.get(p);
            case UINT8, BOOL -> b.get(p) & 0xff;
            case INT16 -> b.getShort(p);
            case UINT16 -> b.getShort(p) & 0xffff;
            case INT32 -> b.getInt(p);
            case UINT32 -> b.getInt(p) & 0xffffffffL;
            case INT64, UINT64 -> b.getLong(p);
        };
    }

    public long longAt(ByteBuffer b, long i) {
        int p = Math.toIntExact(i * dtype.size());
        return switch (dtype) {
            case INT64, UINT64 -> b.getLong(p);
            case INT32 -> b.getInt(p);
            default -> (long) doubleAt(b, i);
        };
    }

    /** All elements as floats (for weights, which are small enough per layer to hold). */
    public float[] toFloats() {
        ByteBuffer b = bytes();
        float[] out = new float[Math.toIntExact(numel())];
        if (dtype == DType.FLOAT32) {
            b.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) doubleAt(b, i);
            }
        }
        return out;
    }

    public double[] toDoubles() {
        ByteBuffer b = bytes();
        double[] out = new double[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubleAt(b, i);
        }
        return out;
    }

    /** All elements as integers (shapes, axes, indices). */
    public long[] toLongs() {
        ByteBuffer b = bytes();
        long[] out = new long[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = longAt(b, i);
        }
        return out;
    }

    /** The single element of a one-element tensor. */
    public double scalar() {
        if (numel() != 1) {
            throw new IllegalStateException("tensor of shape " + shape + " is not a scalar");
        }
        return doubleAt(bytes(), 0);
    }

    @Override
    public String toString() {
        return "Tensor(" + dtype + shape + ")";
    }
}

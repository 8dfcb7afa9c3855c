package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;

/** Short constructors and exact assertions for tensors in pass tests. */
public final class TestTensors {
    private TestTensors() {
    }

    public static Shape shape(int... dims) {
        return Shape.of(dims);
    }

    /** A 1-D int64 tensor. */
    public static Tensor i64(long... v) {
        return Tensor.ofLongs(Shape.of(v.length), v);
    }

    public static Tensor i64(Shape s, long... v) {
        return Tensor.ofLongs(s, v);
    }

    public static Tensor scalar(long v) {
        return Tensor.ofLongs(Shape.SCALAR, v);
    }

    /** A 1-D float32 tensor. */
    public static Tensor f32(float... v) {
        return Tensor.ofFloats(Shape.of(v.length), v);
    }

    public static Tensor f32(Shape s, float... v) {
        return Tensor.ofFloats(s, v);
    }

    public static Tensor typed(DType t, Shape s, double... v) {
        return Tensor.ofDoubles(t, s, v);
    }

    /** Asserts type, shape and every element exactly (compared as doubles). */
    public static void assertTensor(Tensor t, DType dtype, Shape shape, double... values) {
        assertEquals(dtype, t.dtype(), "dtype");
        assertEquals(shape, t.shape(), "shape");
        assertArrayEquals(values, t.toDoubles(), 0.0, "values");
    }

    /** Asserts type, shape and every element exactly, as integers. */
    public static void assertLongs(Tensor t, DType dtype, Shape shape, long... values) {
        assertEquals(dtype, t.dtype(), "dtype");
        assertEquals(shape, t.shape(), "shape");
        assertArrayEquals(values, t.toLongs(), "values");
    }
}

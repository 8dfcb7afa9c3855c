package dev.pnnxj.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void aReadTensorKeepsItsBytesButAComputedOneIsMadeAgainForEachReader() {
        AtomicInteger reads = new AtomicInteger();
        Tensor read = new Tensor(DType.FLOAT32, Shape.of(2), () -> {
            reads.incrementAndGet();
            return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).flip();
        });
        read.bytes();
        read.bytes();
        assertEquals(1, reads.get());

        AtomicInteger computes = new AtomicInteger();
        Tensor computed = Tensor.computedFloats(Shape.of(2, 2), () -> {
            computes.incrementAndGet();
            return read.toFloats().length == 2 ? new float[] {1, 3, 2, 4} : null;
        });
        assertArrayEquals(new float[] {1, 3, 2, 4}, computed.toFloats());
        assertArrayEquals(new float[] {1, 3, 2, 4}, computed.toFloats());
        assertEquals(2, computes.get());
    }

    @Test
    void aComputedTensorMustFillItsShape() {
        Tensor wrong = Tensor.computedFloats(Shape.of(3), () -> new float[2]);
        assertThrows(IllegalArgumentException.class, wrong::bytes);
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeightReaderTest {
    private static WeightReader reader(Bin bin) {
        WeightReader r = new WeightReader(bin.buffer(), "w.bin");
        r.beginLayer("conv1", "Convolution");
        return r;
    }

    @Test
    void reportsEachLoadWithItsExtentAndStorage() {
        float[] table = new float[256];
        WeightReader r = reader(new Bin().raw(1f, 2f).flagged(3f).fp16(1f, 2f, 3f).tag(7).raw(table).bytes(0, 1, 2, 0));
        List<WeightReader.Load> loads = new ArrayList<>();
        r.onLoad(loads::add);
        r.load(2, 1);
        r.load(1, 0);
        r.load(3, 0);
        r.load(3, 0);
        assertEquals(List.of(new WeightReader.Load(0, 8, "raw-fp32", 2), new WeightReader.Load(8, 8, "fp32", 1),
                new WeightReader.Load(16, 12, "fp16", 3), new WeightReader.Load(28, 1032, "uint8-table", 3)), loads);
    }

    @Test
    void rawType1() {
        WeightReader r = reader(new Bin().raw(1f, -2f));
        assertArrayEquals(new float[]{1f, -2f}, r.load(2, 1));
        r.expectEnd();
    }

    @Test
    void zeroTagAndFp32TagMeanRawFloats() {
        WeightReader r = reader(new Bin().flagged(3f).tag(WeightReader.TAG_FP32).raw(4f, 5f));
        assertArrayEquals(new float[]{3f}, r.load(1, 0));
        assertArrayEquals(new float[]{4f, 5f}, r.load(2, 0));
        assertEquals(0, r.remaining());
    }

    @Test
    void fp16TagWithPadding() {
        // 3 halves take 6 bytes, padded to 8
        WeightReader r = reader(new Bin().fp16(1f, -0.5f, 65504f).raw(9f));
        assertArrayEquals(new float[]{1f, -0.5f, 65504f}, r.load(3, 0));
        assertArrayEquals(new float[]{9f}, r.load(1, 1));
        r.expectEnd();
    }

    @Test
    void otherTagIsAQuantizationTable() {
        float[] table = new float[256];
        for (int i = 0; i < 256; i++) {
            table[i] = i * 0.5f;
        }
        // 5 indices padded to 8 bytes
        WeightReader r = reader(new Bin().tag(0x00000001).raw(table).bytes(0, 1, 255, 4, 2, 0, 0, 0));
        assertArrayEquals(new float[]{0f, 0.5f, 127.5f, 2f, 1f}, r.load(5, 0));
        r.expectEnd();
    }

    @Test
    void int8TagIsUnsupported() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> reader(new Bin().tag(WeightReader.TAG_INT8).bytes(1, 2, 3, 4)).load(4, 0));
        assertEquals("w.bin: layer 'conv1' (Convolution): int8 weights (tag 0x000D4B38 at offset 0) are not"
                + " supported by the reference executor", e.getMessage());
    }

    @Test
    void truncatedBinNamesTheLayer() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> reader(new Bin().flagged(1f, 2f)).load(3, 0));
        assertEquals("w.bin: layer 'conv1' (Convolution): bin ends early: reading 3 fp32 values needs 12 bytes at"
                + " offset 4 but only 8 remain", e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() {
        WeightReader r = reader(new Bin().raw(1f, 2f, 3f));
        r.load(2, 1);
        assertEquals("w.bin: bin is longer than the layers read: 4 extra bytes",
                assertThrows(ConversionException.class, r::expectEnd).getMessage());
    }

    @Test
    void executorReportsTruncationAndTrailingBytes() {
        String[] lines = {"Input in 0 1 in", "PReLU prelu 1 1 in out 0=3"};
        ConversionException shortBin = assertThrows(ConversionException.class,
                () -> Models.load(new Bin().raw(1f, 2f), lines));
        assertEquals("test.bin: layer 'prelu' (PReLU): bin ends early: reading 3 fp32 values needs 12 bytes at"
                + " offset 0 but only 8 remain", shortBin.getMessage());
        ConversionException longBin = assertThrows(ConversionException.class,
                () -> Models.load(new Bin().raw(1f, 2f, 3f, 4f), lines));
        assertEquals("test.bin: bin is longer than the layers read: 4 extra bytes", longBin.getMessage());
    }

    @Test
    void readsLittleEndian() {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(2.5f);
        WeightReader r = new WeightReader(ByteBuffer.wrap(b.array()), "x");
        assertArrayEquals(new float[]{2.5f}, r.load(1, 1));
    }
}

package dev.pnnxj.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {
    /** A .npy file as numpy writes it: magic, version, header length, header dict, data. */
    private static byte[] file(int major, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    private static byte[] le(int bytesPer, long... values) {
        ByteBuffer b = ByteBuffer.allocate(bytesPer * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytesPer) {
                case 8 -> b.putLong(v);
                case 4 -> b.putInt((int) v);
                default -> b.put((byte) v);
            }
        }
        return b.array();
    }

    @Test
    void readsFloat32V1() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f)
                .putFloat(0.25f).putFloat(8f);
        Npy n = Npy.parse(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", d.array()));
        assertEquals(Npy.DType.FLOAT32, n.dtype());
        assertArrayEquals(new long[]{2, 2}, n.shape());
        assertArrayEquals(new int[]{2, 2}, n.intShape());
        assertArrayEquals(new float[]{1.5f, -2f, 0.25f, 8f}, n.floats());
        assertNull(n.longs());
    }

    @Test
    void readsFloat64V2NarrowingToFloat() {
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(3.0);
        Npy n = Npy.parse(file(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n", d.array()));
        assertEquals(Npy.DType.FLOAT64, n.dtype());
        assertArrayEquals(new float[]{0.1f, 3f}, n.floats());
    }

    @Test
    void readsIntegerAndBoolDtypesV3() {
        Npy i64 = Npy.parse(file(3, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", le(8, -1, 2, 1L << 40)));
        assertArrayEquals(new long[]{-1, 2, 1L << 40}, i64.longs());
        Npy i32 = Npy.parse(file(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", le(4, -7, 9)));
        assertArrayEquals(new long[]{-7, 9}, i32.longs());
        assertArrayEquals(new float[]{-7f, 9f}, i32.toFloats());
        Npy b1 = Npy.parse(file(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", le(1, 1, 0, 1)));
        assertArrayEquals(new long[]{1, 0, 1}, b1.longs());
        Npy u1 = Npy.parse(file(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", le(1, 255, 3)));
        assertArrayEquals(new long[]{255, 3}, u1.longs());
    }

    @Test
    void readsScalarShape() {
        ByteBuffer d = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(7f);
        Npy n = Npy.parse(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", d.array()));
        assertEquals(0, n.shape().length);
        assertEquals(1, n.count());
    }

    @Test
    void writeThenReadRoundTripsEveryDtype(@TempDir Path dir) throws Exception {
        Npy f = Npy.ofFloat32(new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6});
        f.write(dir.resolve("f.npy"));
        assertEquals(f, Npy.read(dir.resolve("f.npy")));
        for (Npy.DType t : new Npy.DType[]{Npy.DType.INT64, Npy.DType.INT32, Npy.DType.BOOL, Npy.DType.UINT8}) {
            Npy n = new Npy(t, new long[]{3}, null, new long[]{0, 1, 1});
            assertEquals(n, Npy.parse(n.toBytes()), t.descr);
        }
        Npy d = new Npy(Npy.DType.FLOAT64, new long[]{1}, new float[]{0.5f}, null);
        assertEquals(d, Npy.parse(d.toBytes()));
        Npy scalar = Npy.ofFloat32(new long[0], new float[]{2f});
        assertEquals(scalar, Npy.parse(scalar.toBytes()));
    }

    @Test
    void writesNumpyCompatibleHeader() {
        byte[] b = Npy.ofFloat32(new long[]{3}, new float[]{1, 2, 3}).toBytes();
        String header = new String(b, 10, b.length - 10 - 12, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header.trim());
        assertEquals(0, (b.length - 12) % 64, "data starts on a 64-byte boundary");
        assertTrue(header.endsWith("\n"));
    }

    @Test
    void rejectsBadFiles() {
        assertEquals("not a .npy file (bad magic)",
                assertThrows(IllegalArgumentException.class, () -> Npy.parse(new byte[16])).getMessage());
        IllegalArgumentException fortran = assertThrows(IllegalArgumentException.class, () -> Npy.parse(
                file(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4])));
        assertTrue(fortran.getMessage().contains("fortran_order=True"), fortran.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> Npy.parse(
                file(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8])));
        assertTrue(dtype.getMessage().startsWith("unsupported npy dtype '<c8'"), dtype.getMessage());
        IllegalArgumentException bigEndian = assertThrows(IllegalArgumentException.class, () -> Npy.parse(
                file(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])));
        assertTrue(bigEndian.getMessage().startsWith("unsupported npy dtype '>f4'"));
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class, () -> Npy.parse(
                file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", new byte[20])));
        assertEquals("truncated .npy data: shape [2, 3] of <f4 needs 24 bytes, file has 20", truncated.getMessage());
        byte[] shortHeader = Arrays.copyOf(file(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                new byte[4]), 20);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.parse(shortHeader)).getMessage()
                .startsWith("truncated .npy header"));
    }
}

package dev.pnnxj.frontend.onnx;

import static dev.pnnxj.frontend.onnx.OnnxModels.bytesOf;
import static dev.pnnxj.frontend.onnx.OnnxModels.identityOf;
import static dev.pnnxj.frontend.onnx.OnnxModels.le;
import static dev.pnnxj.frontend.onnx.OnnxModels.leDoubles;
import static dev.pnnxj.frontend.onnx.OnnxModels.leFloats;
import static dev.pnnxj.frontend.onnx.OnnxModels.model;
import static dev.pnnxj.frontend.onnx.OnnxModels.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto.DataType;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OnnxTensorTest {
    @TempDir
    Path dir;

    /** One element type: its exact little-endian bytes, the same data in typed form, and the values. */
    record Case(DataType onnx, DType dtype, byte[] raw, Consumer<TensorProto.Builder> typed, double[] values) {
        @Override
        public String toString() {
            return onnx.name();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(DataType.FLOAT, DType.FLOAT32, leFloats(1.5f, -2.25f, Float.MIN_VALUE),
                        t -> t.addFloatData(1.5f).addFloatData(-2.25f).addFloatData(Float.MIN_VALUE),
                        new double[] {1.5, -2.25, Float.MIN_VALUE}),
                new Case(DataType.DOUBLE, DType.FLOAT64, leDoubles(1e300, -0.1, Double.MIN_VALUE),
                        t -> t.addDoubleData(1e300).addDoubleData(-0.1).addDoubleData(Double.MIN_VALUE),
                        new double[] {1e300, -0.1, Double.MIN_VALUE}),
                // 1.0, -2.0 and the smallest subnormal, as binary16 bit patterns
                new Case(DataType.FLOAT16, DType.FLOAT16, le(2, 0x3c00, 0xc000, 0x0001),
                        t -> t.addInt32Data(0x3c00).addInt32Data(0xc000).addInt32Data(0x0001),
                        new double[] {1.0, -2.0, 0x1p-24}),
                new Case(DataType.BFLOAT16, DType.BFLOAT16, le(2, 0x3f80, 0xc0a0, 0x0001),
                        t -> t.addInt32Data(0x3f80).addInt32Data(0xc0a0).addInt32Data(0x0001),
                        new double[] {1.0, -5.0, Float.intBitsToFloat(0x10000)}),
                new Case(DataType.INT8, DType.INT8, new byte[] {(byte) 0x80, (byte) 0xff, 0x7f},
                        t -> t.addInt32Data(-128).addInt32Data(-1).addInt32Data(127),
                        new double[] {-128, -1, 127}),
                new Case(DataType.UINT8, DType.UINT8, new byte[] {0, (byte) 0xff, 1},
                        t -> t.addInt32Data(0).addInt32Data(255).addInt32Data(1),
                        new double[] {0, 255, 1}),
                new Case(DataType.INT16, DType.INT16, le(2, -32768, -2, 32767),
                        t -> t.addInt32Data(-32768).addInt32Data(-2).addInt32Data(32767),
                        new double[] {-32768, -2, 32767}),
                new Case(DataType.UINT16, DType.UINT16, le(2, 65535, 0, 1234),
                        t -> t.addInt32Data(65535).addInt32Data(0).addInt32Data(1234),
                        new double[] {65535, 0, 1234}),
                new Case(DataType.INT32, DType.INT32, le(4, Integer.MIN_VALUE, -1, 7),
                        t -> t.addInt32Data(Integer.MIN_VALUE).addInt32Data(-1).addInt32Data(7),
                        new double[] {Integer.MIN_VALUE, -1, 7}),
                new Case(DataType.INT64, DType.INT64, le(8, Long.MIN_VALUE, -1, 1L << 40),
                        t -> t.addInt64Data(Long.MIN_VALUE).addInt64Data(-1).addInt64Data(1L << 40),
                        new double[] {Long.MIN_VALUE, -1, 1L << 40}),
                new Case(DataType.UINT32, DType.UINT32, le(4, 0xffffffffL, 0, 5),
                        t -> t.addUint64Data(0xffffffffL).addUint64Data(0).addUint64Data(5),
                        new double[] {0xffffffffL, 0, 5}),
                new Case(DataType.UINT64, DType.UINT64, le(8, 1L << 62, 0, 5),
                        t -> t.addUint64Data(1L << 62).addUint64Data(0).addUint64Data(5),
                        new double[] {1L << 62, 0, 5}),
                new Case(DataType.BOOL, DType.BOOL, new byte[] {1, 0, 1},
                        t -> t.addInt32Data(1).addInt32Data(0).addInt32Data(1),
                        new double[] {1, 0, 1}));
    }

    private static TensorProto.Builder tensor(DataType type, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName("w").setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private Tensor readBack(TensorProto t) {
        return OnnxReader.read(write(dir, model(17, identityOf(t)))).value("w").constant();
    }

    private static void assertExact(Case c, Tensor t) {
        assertEquals(c.dtype(), t.dtype());
        assertEquals(Shape.of(3), t.shape());
        assertArrayEquals(c.raw(), bytesOf(t.bytes()));
        assertArrayEquals(c.values(), t.toDoubles());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rawDataReadsBackExactly(Case c) {
        assertExact(c, readBack(tensor(c.onnx(), 3).setRawData(ByteString.copyFrom(c.raw())).build()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void typedFieldsReadBackExactly(Case c) {
        TensorProto.Builder t = tensor(c.onnx(), 3);
        c.typed().accept(t);
        assertExact(c, readBack(t.build()));
    }

    @Test
    void rawDataIsAViewOfTheMappedFileNotAHeapCopy() {
        Tensor t = readBack(tensor(DataType.FLOAT, 3).setRawData(ByteString.copyFrom(leFloats(1, 2, 3))).build());
        assertTrue(t.bytes().isDirect());
    }

    @Test
    void tensorWithoutDimsIsAScalar() {
        Tensor t = readBack(tensor(DataType.INT64).addInt64Data(42).build());
        assertEquals(Shape.SCALAR, t.shape());
        assertArrayEquals(new long[] {42}, t.toLongs());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"STRING", "COMPLEX64", "FLOAT8E4M3FN", "INT4"})
    void unsupportedElementTypesAreRefusedByName(DataType type) {
        TensorProto t = tensor(type, 1).setRawData(ByteString.copyFrom(new byte[8])).build();
        ConversionException e = assertThrows(ConversionException.class, () -> readBack(t));
        assertEquals("tensor 'w' has element type " + type.name() + ", which pnnx-j cannot convert: change it to a"
                + " float or integer type in the source model", e.getMessage());
    }

    @Test
    void rawDataOfTheWrongSizeIsRefused() {
        TensorProto t = tensor(DataType.FLOAT, 2, 2).setRawData(ByteString.copyFrom(new byte[12])).build();
        ConversionException e = assertThrows(ConversionException.class, () -> readBack(t));
        assertEquals("tensor 'w' holds 12 bytes of raw_data but its shape [2,2] needs 16 bytes: the model file is"
                + " damaged; re-export it", e.getMessage());
    }

    @Test
    void typedDataOfTheWrongCountIsRefused() {
        TensorProto t = tensor(DataType.INT8, 3).addInt32Data(1).build();
        ConversionException e = assertThrows(ConversionException.class, () -> readBack(t));
        assertEquals("tensor 'w' holds 1 values in int32_data but its shape [3] needs 3 values: the model file is"
                + " damaged; re-export it", e.getMessage());
    }
}

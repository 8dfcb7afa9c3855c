package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns an ONNX {@code TensorProto} into a lazy IR {@link Tensor}, whichever of the three storage
 * forms it uses: {@code raw_data} (a view of the memory-mapped model, not a copy), the typed
 * repeated fields, or an external data file. Sizes are checked here, so a damaged tensor is
 * reported by name when the model is read rather than when the weight is first written.
 */
final class TensorReader {
    private final ExternalData external;

    TensorReader(Path modelFile) {
        this.external = new ExternalData(modelFile);
    }

    /** @param name how messages call the tensor (its own name may be empty, as in Constant nodes) */
    Tensor read(TensorProto t, String name) {
        DType dtype = OnnxTypes.dtype(t.getDataType());
        if (dtype == null) {
            throw new ConversionException("tensor '" + name + "' has element type " + OnnxTypes.name(t.getDataType())
                    + ", which pnnx-j cannot convert: change it to a float or integer type in the source model");
        }
        Shape shape = shape(t, name);
        long bytes = byteSize(shape, dtype, name);
        Supplier<ByteBuffer> source;
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            source = external.locate(t, name, bytes);
        } else if (t.hasRawData()) {
            if (t.getRawData().size() != bytes) {
                throw damaged(name, t.getRawData().size() + " bytes of raw_data", shape, bytes + " bytes");
            }
            source = t.getRawData()::asReadOnlyByteBuffer;
        } else {
            TypedField field = TypedField.of(dtype);
            int count = field.count(t);
            if (count != shape.numel()) {
                throw damaged(name, count + " values in " + field.protoName(), shape, shape.numel() + " values");
            }
            source = () -> typedBytes(t, dtype, count);
        }
        return new Tensor(dtype, shape, source);
    }

    private static Shape shape(TensorProto t, String name) {
        for (long d : t.getDimsList()) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ConversionException("tensor '" + name + "' has dims " + t.getDimsList()
                        + ", which are not a valid shape: the model file is damaged; re-export it");
            }
        }
        return Shape.of(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }

    private static long byteSize(Shape shape, DType dtype, String name) {
        try {
            long numel = 1;
            for (int d : shape.dims()) {
                numel = Math.multiplyExact(numel, d);
            }
            return Math.multiplyExact(numel, dtype.size());
        } catch (ArithmeticException e) {
            throw new ConversionException("tensor '" + name + "' of shape " + shape + " is too large to address");
        }
    }

    private static ConversionException damaged(String name, String has, Shape shape, String needs) {
        return new ConversionException("tensor '" + name + "' holds " + has + " but its shape " + shape + " needs "
                + needs + ": the model file is damaged; re-export it");
    }

    private static ByteBuffer typedBytes(TensorProto t, DType dtype, int count) {
        TypedField field = TypedField.of(dtype);
        ByteBuffer b = ByteBuffer.allocate(count * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            switch (field) {
                case FLOAT_DATA -> b.putFloat(t.getFloatData(i));
                case DOUBLE_DATA -> b.putDouble(t.getDoubleData(i));
                case INT64_DATA -> b.putLong(t.getInt64Data(i));
                case UINT64_DATA -> putLowBytes(b, t.getUint64Data(i), dtype.size());
                // float16 / bfloat16 arrive as their bit pattern, so truncation keeps them exact
                case INT32_DATA -> putLowBytes(b, t.getInt32Data(i), dtype.size());
            }
        }
        return b.flip();
    }

    private static void putLowBytes(ByteBuffer b, long v, int size) {
        switch (size) {
            case 1 -> b.put((byte) v);
            case 2 -> b.putShort((short) v);
            case 4 -> b.putInt((int) v);
            default -> b.putLong(v);
        }
    }

    /** The repeated field ONNX keeps each element type in; narrow integers and halves widen to int32. */
    private enum TypedField {
        FLOAT_DATA, DOUBLE_DATA, INT32_DATA, INT64_DATA, UINT64_DATA;

        static TypedField of(DType dtype) {
            return switch (dtype) {
                case FLOAT32 -> FLOAT_DATA;
                case FLOAT64 -> DOUBLE_DATA;
                case INT64 -> INT64_DATA;
                case UINT32, UINT64 -> UINT64_DATA;
                default -> INT32_DATA;
            };
        }

        int count(TensorProto t) {
            return switch (this) {
                case FLOAT_DATA -> t.getFloatDataCount();
                case DOUBLE_DATA -> t.getDoubleDataCount();
                case INT32_DATA -> t.getInt32DataCount();
                case INT64_DATA -> t.getInt64DataCount();
                case UINT64_DATA -> t.getUint64DataCount();
            };
        }

        String protoName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

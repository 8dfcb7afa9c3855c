package dev.pnnxj.ir;

/** Element types a tensor in the IR can have. Front ends map their own type codes onto these. */
public enum DType {
    FLOAT32(4, true),
    FLOAT16(2, true),
    BFLOAT16(2, true),
    FLOAT64(8, true),
    INT8(1, false),
    INT16(2, false),
    INT32(4, false),
    INT64(8, false),
    UINT8(1, false),
    UINT16(2, false),
    UINT32(4, false),
    UINT64(8, false),
    BOOL(1, false);

    private final int size;
    private final boolean floating;

    DType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloating() {
        return floating;
    }

    /**
     * The type for an ONNX {@code TensorProto.DataType} code (as kept in Cast's {@code to} and
     * similar attributes), or null when the IR has none.
     */
    public static DType fromOnnx(long code) {
        return switch ((int) code) {
            case 1 -> FLOAT32;
            case 2 -> UINT8;
            case 3 -> INT8;
            case 4 -> UINT16;
            case 5 -> INT16;
            case 6 -> INT32;
            case 7 -> INT64;
            case 9 -> BOOL;
            case 10 -> FLOAT16;
            case 11 -> FLOAT64;
            case 12 -> UINT32;
            case 13 -> UINT64;
            case 16 -> BFLOAT16;
            default -> null;
        };
    }

    /** pnnx's dtype suffix in {@code inputshape=} ({@code f32}, {@code i64} ...), or null. */
    public static DType fromSuffix(String s) {
        return switch (s) {
            case "f32" -> FLOAT32;
            case "f16" -> FLOAT16;
            case "bf16" -> BFLOAT16;
            case "f64" -> FLOAT64;
            case "i8" -> INT8;
            case "i16" -> INT16;
            case "i32" -> INT32;
            case "i64" -> INT64;
            case "u8" -> UINT8;
            case "bool" -> BOOL;
            default -> null;
        };
    }
}

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

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.DType;
import java.util.Map;

/** PyTorch's ScalarType codes, as TorchScript code writes dtypes ({@code dtype=6} is float32). */
final class ScalarTypes {
    private static final Map<Long, DType> CODES = Map.of(
            0L, DType.UINT8, 1L, DType.INT8, 2L, DType.INT16, 3L, DType.INT32, 4L, DType.INT64,
            5L, DType.FLOAT16, 6L, DType.FLOAT32, 7L, DType.FLOAT64, 11L, DType.BOOL, 15L, DType.BFLOAT16);

    private ScalarTypes() {
    }

    static DType dtype(long code) {
        DType t = CODES.get(code);
        if (t == null) {
            throw new ScriptError("dtype code " + code + " (complex or quantized) is not supported");
        }
        return t;
    }

    static long code(DType t) {
        for (Map.Entry<Long, DType> e : CODES.entrySet()) {
            if (e.getValue() == t) {
                return e.getKey();
            }
        }
        throw new ScriptError("dtype " + t + " has no PyTorch code");
    }

    /** ONNX's TensorProto data type code, as Cast's {@code to} attribute holds it. */
    static long onnxCode(DType t) {
        for (long c = 1; c <= 16; c++) {
            if (DType.fromOnnx(c) == t) {
                return c;
            }
        }
        throw new ScriptError("dtype " + t + " has no ONNX code");
    }
}

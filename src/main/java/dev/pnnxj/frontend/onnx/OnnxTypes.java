package dev.pnnxj.frontend.onnx;

import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorShapeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TypeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ValueInfoProto;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;

/** ONNX element-type codes and value-info shapes, as the IR sees them. */
final class OnnxTypes {
    private OnnxTypes() {
    }

    /** The IR type for an ONNX {@code TensorProto.DataType} code, or null when the IR has none. */
    static DType dtype(int code) {
        // the IR's Cast keeps ONNX's type codes, so the mapping lives with DType
        return DType.fromOnnx(code);
    }

    /** The ONNX name of a data-type code, for messages. */
    static String name(int code) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(code);
        return t == null ? "data type " + code : t.name();
    }

    /** Element type of a tensor value info, or null when absent, not a tensor, or not an IR type. */
    static DType dtype(ValueInfoProto info) {
        TypeProto type = info.getType();
        return type.hasTensorType() && type.getTensorType().hasElemType()
                ? dtype(type.getTensorType().getElemType()) : null;
    }

    /**
     * Shape of a tensor value info: symbolic or missing dims are {@link Shape#UNKNOWN}; null when
     * the rank itself is unknown (no shape recorded).
     */
    static Shape shape(ValueInfoProto info) {
        TypeProto type = info.getType();
        if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto shape = type.getTensorType().getShape();
        int[] dims = new int[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            // some exporters write -1 for a dynamic dim instead of a dim_param
            boolean known = d.hasDimValue() && d.getDimValue() >= 0 && d.getDimValue() <= Integer.MAX_VALUE;
            dims[i] = known ? (int) d.getDimValue() : Shape.UNKNOWN;
        }
        return Shape.of(dims);
    }
}

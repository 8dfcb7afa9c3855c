package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code BinaryOp} layer, as operators.md lists it.
 */
public final class BinaryOp {
    public static final String TYPE = "BinaryOp";

    public static final Param.Int OP_TYPE = Param.ofInt(0, "op_type", 0);
    public static final Param.Int WITH_SCALAR = Param.ofInt(1, "with_scalar", 0);
    public static final Param.Float B = Param.ofFloat(2, "b", 0.0f);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(OP_TYPE, WITH_SCALAR, B),
            List.of());

    private BinaryOp() {
    }
}

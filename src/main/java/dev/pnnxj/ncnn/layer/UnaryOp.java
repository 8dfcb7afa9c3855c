package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code UnaryOp} layer, as operators.md lists it.
 */
public final class UnaryOp {
    public static final String TYPE = "UnaryOp";

    public static final Param.Int OP_TYPE = Param.ofInt(0, "op_type", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(OP_TYPE),
            List.of());

    private UnaryOp() {
    }
}

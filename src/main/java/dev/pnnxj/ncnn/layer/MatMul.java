package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code MatMul} layer, as operators.md lists it.
 */
public final class MatMul {
    public static final String TYPE = "MatMul";

    public static final Param.Int TRANS_B = Param.ofInt(0, "transB", 0);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(TRANS_B),
            List.of());

    private MatMul() {
    }
}

package dev.pnnxj.ncnn.layer;

import java.util.List;

/**
 * ncnn's {@code MemoryData} layer, as operators.md lists it.
 * Params it has in common with {@link Input} are theirs.
 */
public final class MemoryData {
    public static final String TYPE = "MemoryData";

    public static final Param.Int LOAD_TYPE = Param.ofInt(21, "load_type", 1);

    static final LayerSchema SCHEMA = new LayerSchema(TYPE,
            List.of(Input.W, Input.H, Input.D, Input.C, LOAD_TYPE),
            List.of(WeightSlot.float32("data")));

    private MemoryData() {
    }
}

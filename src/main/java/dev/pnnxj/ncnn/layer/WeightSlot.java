package dev.pnnxj.ncnn.layer;

/**
 * One weight a layer loads from the .bin, in load order, with the type ncnn's ModelBin::load is
 * called with: {@link #LOAD_AUTO} reads a 4-byte tag choosing float32, fp16 or int8 data, and
 * {@link #LOAD_FLOAT32} reads raw float32. Weights that depend on params (bias_term, int8 scales)
 * are listed too; the layer skips them when their param is off.
 */
public record WeightSlot(String name, int loadType) {
    /** ncnn's load type 0: a tag word, then float32 / fp16 / int8 data. */
    public static final int LOAD_AUTO = 0;
    /** ncnn's load type 1: raw float32, no tag. */
    public static final int LOAD_FLOAT32 = 1;

    static WeightSlot auto(String name) {
        return new WeightSlot(name, LOAD_AUTO);
    }

    static WeightSlot float32(String name) {
        return new WeightSlot(name, LOAD_FLOAT32);
    }
}

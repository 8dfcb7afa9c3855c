package dev.pnnxj.verify.layers;

/** A float-to-float function, for element-wise layers and fused activations. */
@FunctionalInterface
interface FloatOp {
    float apply(float x);

    /** A new array holding {@code op} applied to each element of {@code in}. */
    static float[] map(float[] in, FloatOp op) {
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = op.apply(in[i]);
        }
        return out;
    }
}

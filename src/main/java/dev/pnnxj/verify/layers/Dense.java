package dev.pnnxj.verify.layers;

/**
 * A fully connected map y = act(b + W x) for a batch of rows, with W given as ncnn stores it,
 * [outputs][inputs]. W is transposed once so the batch runs through {@link Sgemm}; each output
 * still accumulates bias first, then inputs in ascending order, like ncnn's loops.
 */
final class Dense {
    private final int inputs;
    private final int outputs;
    private final float[] weightsT;
    private final float[] bias;
    private final FloatOp activation;

    Dense(float[] weights, int outputs, float[] bias, FloatOp activation) {
        this.outputs = outputs;
        this.inputs = weights.length / outputs;
        this.bias = bias;
        this.activation = activation;
        weightsT = new float[weights.length];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                weightsT[i * outputs + o] = weights[o * inputs + i];
            }
        }
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return outputs;
    }

    /** {@code rows} input rows of width inputs() starting at in[offset]; returns [rows][outputs]. */
    float[] apply(float[] in, int offset, int rows) {
        float[] out = new float[rows * outputs];
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, out, r * outputs, outputs);
            }
        }
        Sgemm.multiplyAdd(in, offset, inputs, weightsT, 0, outputs, out, 0, outputs, rows, outputs, inputs, true);
        if (activation != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = activation.apply(out[i]);
            }
        }
        return out;
    }
}

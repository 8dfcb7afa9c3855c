package dev.pnnxj.verify.layers;

import dev.pnnxj.ncnn.layer.RNN;
import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * The plumbing ncnn's LSTM, GRU and RNN share. Params 0 num_output, 1 weight_data_size,
 * 2 direction (0 forward, 1 reverse, 2 both, outputs concatenated forward then reverse along w),
 * 8 int8_scale_term (rejected). Input [T, size]; output [T, num_output * directions]. Extra
 * bottoms are initial states, extra tops final states, each holding one row per direction; given
 * states keep their shape, zero-initialised ones are [directions, length].
 */
abstract class Recurrent implements Layer {
    int numOutput;
    int weightDataSize;
    int directions;
    private boolean reverseOnly;
    private int bottoms;
    private int tops;

    /** Lengths of the state vectors (hidden, and cell for LSTM). */
    abstract int[] stateLengths();

    /**
     * Runs direction {@code dir} over the sequence, updating {@code states} in place and writing each
     * step's hidden output to out[t * outStride + outOffset ...].
     */
    abstract void run(int dir, float[] x, int steps, int size, boolean reverse, float[][] states, float[] out,
                      int outStride, int outOffset);

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numOutput = p.getInt(RNN.NUM_OUTPUT, 0);
        weightDataSize = p.getInt(RNN.WEIGHT_DATA_SIZE, 0);
        int direction = p.getInt(RNN.DIRECTION, 0);
        if (direction < 0 || direction > 2) {
            throw new IllegalArgumentException("unknown direction " + direction);
        }
        directions = direction == 2 ? 2 : 1;
        reverseOnly = direction == 1;
        if (p.getInt(RNN.INT8_SCALE_TERM, 0) != 0) {
            throw new IllegalArgumentException("int8_scale_term is not supported by the reference executor");
        }
        if (numOutput <= 0) {
            throw new IllegalArgumentException("num_output must be positive");
        }
        this.bottoms = bottoms;
        this.tops = tops;
        int states = stateLengths().length;
        if ((bottoms != 1 && bottoms != 1 + states) || (tops != 1 && tops != 1 + states)) {
            throw new IllegalArgumentException("expects 1 or " + (1 + states) + " bottoms and tops, got " + bottoms
                    + " and " + tops);
        }
    }

    /** Per-direction input width implied by weight_data_size over {@code rowsPerDirection} rows. */
    int inputSize(int rowsPerDirection) {
        int size = weightDataSize / directions / rowsPerDirection;
        if (size <= 0 || size * directions * rowsPerDirection != weightDataSize) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize + " is not directions * "
                    + rowsPerDirection + " * input size");
        }
        return size;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        if (in.dims() != 2) {
            throw new IllegalArgumentException("expects a 2-D [T, size] input, got " + in.shapeString());
        }
        int steps = in.h();
        int size = in.w();
        int[] lengths = stateLengths();
        float[][][] states = new float[directions][lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            Mat given = bottoms > 1 ? inputs.get(1 + s) : null;
            if (given != null && given.total() != lengths[s] * directions) {
                throw new IllegalArgumentException("initial state " + s + " " + given.shapeString() + " should hold "
                        + directions + " x " + lengths[s] + " values");
            }
            for (int d = 0; d < directions; d++) {
                states[d][s] = given == null ? new float[lengths[s]]
                        : java.util.Arrays.copyOfRange(given.data(), d * lengths[s], (d + 1) * lengths[s]);
            }
        }
        float[] out = new float[steps * numOutput * directions];
        for (int d = 0; d < directions; d++) {
            run(d, in.data(), steps, size, reverseOnly || d == 1, states[d], out, numOutput * directions, d * numOutput);
        }
        List<Mat> result = new ArrayList<>();
        result.add(Mat.of(new int[]{steps, numOutput * directions}, out));
        if (tops > 1) {
            for (int s = 0; s < lengths.length; s++) {
                float[] flat = new float[directions * lengths[s]];
                for (int d = 0; d < directions; d++) {
                    System.arraycopy(states[d][s], 0, flat, d * lengths[s], lengths[s]);
                }
                int[] shape = bottoms > 1 ? inputs.get(1 + s).shape() : new int[]{directions, lengths[s]};
                result.add(Mat.of(shape, flat));
            }
        }
        return result;
    }

    /** Row r of a [rows][cols] block at {@code base} dotted with v, starting from init. */
    static float rowDot(float[] m, int base, int r, int cols, float[] v, int vOff, float init) {
        float sum = init;
        int o = base + r * cols;
        for (int i = 0; i < cols; i++) {
            sum += m[o + i] * v[vOff + i];
        }
        return sum;
    }
}

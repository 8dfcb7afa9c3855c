package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Embed.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;

/**
 * ncnn's Embed: param 0 num_output, 1 input_dim, 2 bias_term, 3 weight_data_size; weights the
 * table (type 0) and, with bias_term, a bias per output (type 1). Like ncnn it reads the input's
 * w elements as int32 bit patterns (an int32 Mat), clamps each to [0, input_dim-1] and writes the
 * rows as a 2-D blob [words, num_output].
 */
final class Embed implements Layer {
    private int numOutput;
    private int inputDim;
    private boolean biasTerm;
    private int weightDataSize;
    private float[] table;
    private float[] bias;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numOutput = p.getInt(NUM_OUTPUT, 0);
        inputDim = p.getInt(INPUT_DIM, 0);
        biasTerm = p.getInt(BIAS_TERM, 0) != 0;
        weightDataSize = p.getInt(WEIGHT_DATA_SIZE, 0);
        if (p.getInt(INT8_SCALE_TERM, 0) != 0) {
            throw new IllegalArgumentException("int8 Embed (param 18) is not supported");
        }
        if ((long) numOutput * inputDim != weightDataSize) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize + " is not num_output " + numOutput
                    + " x input_dim " + inputDim);
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        table = r.load(weightDataSize, 0);
        bias = biasTerm ? r.load(numOutput, 1) : null;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        Mat in = inputs.get(0);
        int words = in.w();
        float[] out = new float[words * numOutput];
        for (int q = 0; q < words; q++) {
            int index = Math.min(Math.max(Float.floatToRawIntBits(in.data()[q]), 0), inputDim - 1);
            for (int p = 0; p < numOutput; p++) {
                out[q * numOutput + p] = table[index * numOutput + p] + (bias == null ? 0f : bias[p]);
            }
        }
        return List.of(Mat.of(new int[] {words, numOutput}, out));
    }
}

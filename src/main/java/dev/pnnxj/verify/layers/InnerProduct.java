package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.stream.IntStream;

/**
 * ncnn's InnerProduct: param 0 num_output, 1 bias_term, 2 weight_data_size, 9/10 fused
 * activation; weights [num_output][num_input] (type 0), bias (type 1). A 2-D input whose width is
 * num_input is treated as a batch of rows (output [h, num_output]); any other input is flattened
 * into one vector of num_input values (output [num_output]).
 */
final class InnerProduct extends SingleInputLayer {
    private int numOutput;
    private boolean biasTerm;
    private int weightDataSize;
    private FloatOp activation;
    private float[] weights;
    private float[] bias;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numOutput = p.getInt(0, 0);
        biasTerm = p.getInt(1, 0) != 0;
        weightDataSize = p.getInt(2, 0);
        activation = Activation.of(p.getInt(9, 0), p.getFloats(10));
        if (p.getInt(8, 0) != 0) {
            throw new IllegalArgumentException("int8_scale_term is not supported by the reference executor");
        }
        if (numOutput <= 0 || weightDataSize <= 0 || weightDataSize % numOutput != 0) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize
                    + " is not a positive multiple of num_output " + numOutput);
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        weights = r.load(weightDataSize, 0);
        bias = biasTerm ? r.load(numOutput, 1) : null;
    }

    @Override
    Mat forward(Mat input) {
        int numInput = weightDataSize / numOutput;
        if (input.dims() == 2 && input.w() == numInput) {
            int rows = input.h();
            float[] out = new float[rows * numOutput];
            float[] in = input.data();
            IntStream.range(0, rows).parallel().forEach(r -> {
                for (int p = 0; p < numOutput; p++) {
                    out[r * numOutput + p] = activation.apply(dot(in, r * numInput, weights, p * numInput, numInput,
                            bias == null ? 0f : bias[p]));
                }
            });
            return Mat.of(new int[]{rows, numOutput}, out);
        }
        return flat(input, weights, bias, numOutput, activation);
    }

    /** The whole input as one vector times [numOutput][total] weights. */
    static Mat flat(Mat input, float[] weights, float[] bias, int numOutput, FloatOp activation) {
        int n = input.total();
        if ((long) n * numOutput != weights.length) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + n
                    + " values but the weights expect " + weights.length / numOutput);
        }
        float[] in = input.data();
        float[] out = new float[numOutput];
        IntStream.range(0, numOutput).parallel().forEach(p ->
                out[p] = activation.apply(dot(in, 0, weights, p * n, n, bias == null ? 0f : bias[p])));
        return Mat.vector(out);
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n, float init) {
        float sum = init;
        for (int i = 0; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }
}

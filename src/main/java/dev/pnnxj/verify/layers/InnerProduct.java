package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.InnerProduct.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

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
    private Dense dense;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        numOutput = p.getInt(NUM_OUTPUT, 0);
        biasTerm = p.getInt(BIAS_TERM, 0) != 0;
        weightDataSize = p.getInt(WEIGHT_DATA_SIZE, 0);
        activation = Activation.of(p.getInt(ACTIVATION_TYPE, 0), p.getFloats(ACTIVATION_PARAMS));
        if (p.getInt(INT8_SCALE_TERM, 0) != 0) {
            throw new IllegalArgumentException("int8_scale_term is not supported by the reference executor");
        }
        if (numOutput <= 0 || weightDataSize <= 0 || weightDataSize % numOutput != 0) {
            throw new IllegalArgumentException("weight_data_size " + weightDataSize
                    + " is not a positive multiple of num_output " + numOutput);
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        float[] weights = r.load(weightDataSize, 0);
        dense = new Dense(weights, numOutput, biasTerm ? r.load(numOutput, 1) : null, activation);
    }

    @Override
    Mat forward(Mat input) {
        return apply(dense, input);
    }

    /** Rows of a 2-D input as a batch when their width fits, otherwise the whole input as one row. */
    static Mat apply(Dense dense, Mat input) {
        if (input.dims() == 2 && input.w() == dense.inputs()) {
            return Mat.of(new int[]{input.h(), dense.outputs()}, dense.apply(input.data(), 0, input.h()));
        }
        if (input.total() != dense.inputs()) {
            throw new IllegalArgumentException("input " + input.shapeString() + " has " + input.total()
                    + " values but the weights expect " + dense.inputs());
        }
        return Mat.vector(dense.apply(input.data(), 0, 1));
    }
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.Mat;

import java.util.List;

/** A layer with one bottom and one top (ncnn's one_blob_only). */
abstract class SingleInputLayer implements Layer {
    @Override
    public final List<Mat> forward(List<Mat> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("expects 1 input, got " + inputs.size());
        }
        return List.of(forward(inputs.get(0)));
    }

    abstract Mat forward(Mat input);
}

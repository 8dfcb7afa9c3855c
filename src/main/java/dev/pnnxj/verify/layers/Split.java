package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.Collections;
import java.util.List;

/** ncnn's Split: every top is the bottom. Mats are immutable, so sharing is safe. */
final class Split implements Layer {
    private int tops;

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        this.tops = tops;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("expects 1 input, got " + inputs.size());
        }
        return Collections.nCopies(tops, inputs.get(0));
    }
}

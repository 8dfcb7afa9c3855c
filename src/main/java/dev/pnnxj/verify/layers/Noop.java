package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/** ncnn's Noop: the i-th top is the i-th bottom. */
final class Noop implements Layer {
    private int tops;

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        if (tops > bottoms) {
            throw new IllegalArgumentException("Noop has " + tops + " tops but only " + bottoms + " bottoms");
        }
        this.tops = tops;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        return List.copyOf(inputs.subList(0, tops));
    }
}

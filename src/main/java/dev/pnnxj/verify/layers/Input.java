package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's Input. Its top is set by the caller before the run, so this layer is never forwarded;
 * the executor reports a missing input instead.
 */
final class Input implements Layer {
    @Override
    public List<Mat> forward(List<Mat> inputs) {
        throw new IllegalStateException("Input layers are fed by the caller, not run");
    }
}

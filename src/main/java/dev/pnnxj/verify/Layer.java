package dev.pnnxj.verify;

import java.util.List;

/**
 * One ncnn layer of the reference executor. The executor calls {@link #loadParams} with the
 * layer line's parameters, then {@link #loadWeights} in file order, then {@link #forward} once per
 * run. Implementations throw {@link IllegalArgumentException} with a plain message for inputs or
 * parameters they cannot handle; the executor adds the layer's name and line.
 */
public interface Layer {
    /** Reads parameters; {@code bottoms} and {@code tops} are the blob counts on the layer line. */
    default void loadParams(LayerParams params, int bottoms, int tops) {
    }

    /** Reads this layer's weights from the .bin, in ncnn's order and load types. */
    default void loadWeights(WeightReader weights) {
    }

    /** Computes the top blobs from the bottom blobs; must not modify the inputs. */
    List<Mat> forward(List<Mat> inputs);
}

package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Mat;

/** Checks shared by layers with one parameter per channel (see {@link Mat#channels()}). */
final class PerChannel {
    private PerChannel() {
    }

    static void requireChannels(Mat in, int channels) {
        if (in.channels() != channels) {
            throw new IllegalArgumentException("input " + in.shapeString() + " has " + in.channels()
                    + " channels but the layer has " + channels);
        }
    }
}

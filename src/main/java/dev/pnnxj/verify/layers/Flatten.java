package dev.pnnxj.verify.layers;

import dev.pnnxj.verify.Mat;

/** ncnn's Flatten: any blob to 1-D in memory order. */
final class Flatten extends SingleInputLayer {
    @Override
    Mat forward(Mat input) {
        return input.reshape(input.total());
    }
}

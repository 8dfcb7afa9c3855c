package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_CLIP;
import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_HARDSWISH;
import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_LEAKY_RELU;
import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_MISH;
import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_RELU;
import static dev.pnnxj.ncnn.layer.Convolution.ACTIVATION_SIGMOID;

/**
 * The activation ncnn fuses into Convolution, Deconvolution and InnerProduct through their
 * activation_type and activation_params: 0 none, 1 relu, 2 leaky relu (slope), 3 clip (min, max),
 * 4 sigmoid, 5 mish, 6 hardswish (alpha, beta).
 */
final class Activation {
    private Activation() {
    }

    static FloatOp of(int type, float[] params) {
        switch (type) {
            case 0:
                return x -> x;
            case ACTIVATION_RELU:
                return x -> x > 0f ? x : 0f;
            case ACTIVATION_LEAKY_RELU: {
                float slope = param(params, 0, type);
                return x -> x > 0f ? x : x * slope;
            }
            case ACTIVATION_CLIP: {
                float min = param(params, 0, type);
                float max = param(params, 1, type);
                return x -> clip(x, min, max);
            }
            case ACTIVATION_SIGMOID:
                return MathF::sigmoid;
            case ACTIVATION_MISH:
                return x -> x * MathF.tanh((float) Math.log(Math.exp(x) + 1.0));
            case ACTIVATION_HARDSWISH:
                return hardSwish(param(params, 0, type), param(params, 1, type));
            default:
                throw new IllegalArgumentException("unknown activation_type " + type);
        }
    }

    static float clip(float x, float min, float max) {
        if (x < min) {
            x = min;
        }
        if (x > max) {
            x = max;
        }
        return x;
    }

    static FloatOp hardSwish(float alpha, float beta) {
        float lower = -beta / alpha;
        float upper = 1f / alpha + lower;
        return x -> x < lower ? 0f : x > upper ? x : x * (x * alpha + beta);
    }

    private static float param(float[] params, int i, int type) {
        if (params.length <= i) {
            throw new IllegalArgumentException("activation_type " + type + " needs " + (i + 1)
                    + " activation_params, got " + params.length);
        }
        return params[i];
    }
}

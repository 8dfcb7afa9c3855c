package dev.pnnxj.verify.layers;

import dev.pnnxj.ncnn.layer.CELU;
import dev.pnnxj.ncnn.layer.Clip;
import dev.pnnxj.ncnn.layer.Dropout;
import dev.pnnxj.ncnn.layer.ELU;
import dev.pnnxj.ncnn.layer.GELU;
import dev.pnnxj.ncnn.layer.HardSigmoid;
import dev.pnnxj.ncnn.layer.HardSwish;
import dev.pnnxj.ncnn.layer.ReLU;
import dev.pnnxj.ncnn.layer.SELU;
import dev.pnnxj.ncnn.layer.Shrink;
import dev.pnnxj.ncnn.layer.Threshold;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.function.Function;

/**
 * A layer applying one float function to every element, whatever the shape: ReLU, Clip, Sigmoid,
 * TanH and the other activations. The function is built from the layer's params at load time.
 */
final class Pointwise extends SingleInputLayer {
    private final Function<LayerParams, FloatOp> factory;
    private FloatOp op;

    Pointwise(Function<LayerParams, FloatOp> factory) {
        this.factory = factory;
    }

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        op = factory.apply(params);
    }

    @Override
    Mat forward(Mat input) {
        return Mat.of(input.shape(), FloatOp.map(input.data(), op));
    }

    static FloatOp relu(LayerParams p) {
        float slope = p.getFloat(ReLU.SLOPE, 0f);
        return slope == 0f ? x -> x < 0f ? 0f : x : x -> x < 0f ? x * slope : x;
    }

    static FloatOp clip(LayerParams p) {
        float min = p.getFloat(Clip.MIN, -Float.MAX_VALUE);
        float max = p.getFloat(Clip.MAX, Float.MAX_VALUE);
        return x -> Activation.clip(x, min, max);
    }

    static FloatOp elu(LayerParams p) {
        float alpha = p.getFloat(ELU.ALPHA, 0.1f);
        return x -> x < 0f ? alpha * (MathF.exp(x) - 1f) : x;
    }

    static FloatOp selu(LayerParams p) {
        float alpha = p.getFloat(SELU.ALPHA, 1.67326324f);
        float lambda = p.getFloat(SELU.LAMBDA, 1.050700987f);
        float alphaLambda = alpha * lambda;
        return x -> x < 0f ? (MathF.exp(x) - 1f) * alphaLambda : x * lambda;
    }

    static FloatOp celu(LayerParams p) {
        float alpha = p.getFloat(CELU.ALPHA, 1f);
        return x -> x < 0f ? (MathF.exp(x / alpha) - 1f) * alpha : x;
    }

    static FloatOp hardSigmoid(LayerParams p) {
        float alpha = p.getFloat(HardSigmoid.ALPHA, 0.2f);
        float beta = p.getFloat(HardSigmoid.BETA, 0.5f);
        float lower = -beta / alpha;
        float upper = 1f / alpha + lower;
        return x -> x < lower ? 0f : x > upper ? 1f : x * alpha + beta;
    }

    static FloatOp hardSwish(LayerParams p) {
        return Activation.hardSwish(p.getFloat(HardSwish.ALPHA, 0.2f), p.getFloat(HardSwish.BETA, 0.5f));
    }

    static FloatOp mish(LayerParams p) {
        // ncnn short-cuts softplus beyond |x| > 20
        return x -> {
            double sp = x > 20f ? x : x < -20f ? Math.exp(x) : Math.log(Math.exp(x) + 1);
            return x * MathF.tanh((float) sp);
        };
    }

    static FloatOp gelu(LayerParams p) {
        if (p.getInt(GELU.FAST_GELU, 0) != 0) {
            return x -> 0.5f * x * (1f + MathF.tanh(0.79788452f * (x + 0.044715f * x * x * x)));
        }
        return x -> (float) (0.5 * x * MathF.erfc(-0.70710678 * x));
    }

    /** 1 where x > threshold, else 0 (NaN gives 0). */
    static FloatOp threshold(LayerParams p) {
        float t = p.getFloat(Threshold.THRESHOLD, 0f);
        return x -> x > t ? 1f : 0f;
    }

    /** x + bias below -lambd, x - bias above lambd, 0 between. */
    static FloatOp shrink(LayerParams p) {
        float bias = p.getFloat(Shrink.BIAS, 0f);
        float lambd = p.getFloat(Shrink.LAMBD, 0.5f);
        return x -> x < -lambd ? x + bias : x > lambd ? x - bias : 0f;
    }

    static FloatOp dropout(LayerParams p) {
        float scale = p.getFloat(Dropout.SCALE, 1f);
        return x -> x * scale;
    }
}

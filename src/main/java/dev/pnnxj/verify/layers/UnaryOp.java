package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.UnaryOp.*;

import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

/** ncnn's UnaryOp: param 0 op_type selects one of 28 element-wise functions. */
final class UnaryOp extends SingleInputLayer {
    private FloatOp op;

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        op = op(params.getInt(OP_TYPE, 0));
    }

    @Override
    Mat forward(Mat input) {
        return Mat.of(input.shape(), FloatOp.map(input.data(), op));
    }

    static FloatOp op(int type) {
        return switch (type) {
            case 0 -> Math::abs;
            case 1 -> x -> -x;
            case 2 -> x -> (float) Math.floor(x);
            case 3 -> x -> (float) Math.ceil(x);
            case 4 -> x -> x * x;
            case 5 -> x -> (float) Math.sqrt(x);
            case 6 -> x -> 1f / (float) Math.sqrt(x);
            case 7 -> x -> (float) Math.exp(x);
            case 8 -> x -> (float) Math.log(x);
            case 9 -> x -> (float) Math.sin(x);
            case 10 -> x -> (float) Math.cos(x);
            case 11 -> x -> (float) Math.tan(x);
            case 12 -> x -> (float) Math.asin(x);
            case 13 -> x -> (float) Math.acos(x);
            case 14 -> x -> (float) Math.atan(x);
            case 15 -> x -> 1f / x;
            case 16 -> x -> (float) Math.tanh(x);
            case 17 -> x -> (float) Math.log10(x);
            case 18 -> x -> (float) Math.rint(x); // nearbyintf: ties to even
            case 19 -> x -> x < 0 ? (float) Math.ceil(x) : (float) Math.floor(x);
            case 20 -> x -> x > 0f ? 1f : x < 0f ? -1f : 0f;
            case 21 -> x -> (float) Math.expm1(x);
            case 22 -> x -> (float) Math.sinh(x);
            case 23 -> MathF::asinh;
            case 24 -> x -> (float) Math.cosh(x);
            case 25 -> MathF::acosh;
            case 26 -> MathF::atanh;
            case 27 -> x -> (float) Math.log1p(x);
            default -> throw new IllegalArgumentException("unknown UnaryOp op_type " + type);
        };
    }
}

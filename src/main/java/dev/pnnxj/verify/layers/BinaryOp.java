package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.BinaryOp.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.Arrays;
import java.util.List;

/**
 * ncnn's BinaryOp: param 0 op_type (0 add, 1 sub, 2 mul, 3 div, 4 max, 5 min, 6 pow, 7 rsub,
 * 8 rdiv, 9 rpow, 10 atan2, 11 ratan2, 12 fmod, 13 rfmod, 14 logaddexp, 15 floor_divide,
 * 16 rfloor_divide, 17 remainder, 18 rremainder), param 1 with_scalar, param 2 the scalar b.
 *
 * <p>Two inputs broadcast by ncnn's rules, which are NOT numpy's: the lower-rank operand is lifted
 * by aligning its axes with the OUTER axes of the other (a 2-D [h,w] against 3-D becomes
 * [c=h, h=w, w=1]; a 3-D [c,h,w] against 4-D becomes [c, d=h, h=w, w=1]), except that a 1-D
 * operand lines up with the other's outermost axis when its length equals that axis (c for 3-D
 * and 4-D, h for 2-D) and with w otherwise. After lifting, each axis must be equal or 1.
 */
final class BinaryOp implements Layer {
    /** A float function of two arguments. */
    @FunctionalInterface
    interface FloatBinOp {
        float apply(float x, float y);
    }

    private FloatBinOp op;
    private boolean withScalar;
    private float b;

    @Override
    public void loadParams(LayerParams params, int bottoms, int tops) {
        op = op(params.getInt(OP_TYPE, 0));
        withScalar = params.getInt(WITH_SCALAR, 0) != 0;
        b = params.getFloat(B, 0f);
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        if (withScalar) {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("with_scalar=1 expects 1 input, got " + inputs.size());
            }
            Mat a = inputs.get(0);
            return List.of(Mat.of(a.shape(), FloatOp.map(a.data(), x -> op.apply(x, b))));
        }
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("expects 2 inputs, got " + inputs.size());
        }
        return List.of(broadcast(inputs.get(0), inputs.get(1), op));
    }

    /** Applies {@code op(a, b)} element-wise under ncnn's broadcasting rules. */
    static Mat broadcast(Mat a, Mat b, FloatBinOp op) {
        int outDims = Math.max(a.dims(), b.dims());
        int[] sa = lift(a, b, outDims);
        int[] sb = lift(b, a, outDims);
        int[] so = new int[4];
        for (int i = 0; i < 4; i++) {
            so[i] = Math.max(sa[i], sb[i]);
            if ((sa[i] != so[i] && sa[i] != 1) || (sb[i] != so[i] && sb[i] != 1)) {
                throw new IllegalArgumentException("cannot broadcast " + a.shapeString() + " with " + b.shapeString()
                        + " (lifted to [c,d,h,w] " + Arrays.toString(sa) + " and " + Arrays.toString(sb) + ")");
            }
        }
        float[] ad = a.data();
        float[] bd = b.data();
        float[] out = new float[so[0] * so[1] * so[2] * so[3]];
        int[] stA = strides(sa);
        int[] stB = strides(sb);
        int i = 0;
        for (int q = 0; q < so[0]; q++) {
            for (int z = 0; z < so[1]; z++) {
                for (int y = 0; y < so[2]; y++) {
                    int baseA = q * stA[0] + z * stA[1] + y * stA[2];
                    int baseB = q * stB[0] + z * stB[1] + y * stB[2];
                    for (int x = 0; x < so[3]; x++) {
                        out[i++] = op.apply(ad[baseA + x * stA[3]], bd[baseB + x * stB[3]]);
                    }
                }
            }
        }
        int[] outShape = switch (outDims) {
            case 1 -> new int[]{so[3]};
            case 2 -> new int[]{so[2], so[3]};
            case 3 -> new int[]{so[0], so[2], so[3]};
            default -> so;
        };
        return Mat.of(outShape, out);
    }

    /** The [c,d,h,w] extents {@code m} takes when broadcast against {@code other} at {@code outDims}. */
    private static int[] lift(Mat m, Mat other, int outDims) {
        int w = m.w();
        if (m.dims() == outDims) {
            return new int[]{m.c(), m.d(), m.h(), w};
        }
        if (m.dims() == 1) {
            boolean outer = outDims == 2 ? w == other.h() : w == other.c();
            if (outDims == 2) {
                return outer ? new int[]{1, 1, w, 1} : new int[]{1, 1, 1, w};
            }
            return outer ? new int[]{w, 1, 1, 1} : new int[]{1, 1, 1, w};
        }
        if (m.dims() == 2) {
            return outDims == 3 ? new int[]{m.h(), 1, w, 1} : new int[]{m.h(), w, 1, 1};
        }
        return new int[]{m.c(), m.h(), w, 1};
    }

    /** Element strides of a dense [c,d,h,w] block, 0 along broadcast (extent 1) axes. */
    private static int[] strides(int[] s) {
        int[] st = new int[4];
        int step = 1;
        for (int i = 3; i >= 0; i--) {
            st[i] = s[i] == 1 ? 0 : step;
            step *= s[i];
        }
        return st;
    }

    static FloatBinOp op(int type) {
        return switch (type) {
            case 0 -> (x, y) -> x + y;
            case 1 -> (x, y) -> x - y;
            case 2 -> (x, y) -> x * y;
            case 3 -> (x, y) -> x / y;
            case 4 -> (x, y) -> x < y ? y : x; // std::max keeps x when unordered
            case 5 -> (x, y) -> y < x ? y : x; // std::min likewise
            case 6 -> BinaryOp::pow;
            case 7 -> (x, y) -> y - x;
            case 8 -> (x, y) -> y / x;
            case 9 -> (x, y) -> pow(y, x);
            case 10 -> (x, y) -> (float) Math.atan2(x, y);
            case 11 -> (x, y) -> (float) Math.atan2(y, x);
            case 12 -> (x, y) -> x % y;
            case 13 -> (x, y) -> y % x;
            case 14 -> BinaryOp::logAddExp;
            case 15 -> (x, y) -> (float) Math.floor(x / y);
            case 16 -> (x, y) -> (float) Math.floor(y / x);
            case 17 -> (x, y) -> (float) Math.IEEEremainder(x, y);
            case 18 -> (x, y) -> (float) Math.IEEEremainder(y, x);
            default -> throw new IllegalArgumentException("unknown BinaryOp op_type " + type);
        };
    }

    /**
     * ncnn's vectorised pow is exp(y * log x): a negative base gives NaN (or garbage) even for an
     * integer exponent, so the oracle does the same and never hides a converter relying on it.
     */
    private static float pow(float x, float y) {
        return x < 0 ? Float.NaN : (float) Math.pow(x, y);
    }

    private static float logAddExp(float x, float y) {
        float max = Math.max(x, y);
        float min = Math.min(x, y);
        return (float) (max + Math.log1p(Math.exp(min - max)));
    }
}

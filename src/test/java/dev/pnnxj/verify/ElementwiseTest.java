package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

class ElementwiseTest {
    private static final float[] X = {-2f, -0.5f, 0f, 0.5f, 3f};
    private static final Mat IN = Mat.of(shape(5), X);

    private static void check(String type, String params, DoubleUnaryOperator f) {
        Expect.mat(run1(type, params, IN), shape(5), Naive.map(X, f), 2e-6f);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void activations() {
        check("ReLU", "", x -> Math.max(x, 0));
        check("ReLU", "0=0.1", x -> x < 0 ? 0.1 * x : x);
        check("Clip", "0=-1.0 1=1.0", x -> Math.min(1, Math.max(-1, x)));
        check("Clip", "", x -> x);
        check("Sigmoid", "", ElementwiseTest::sigmoid);
        check("TanH", "", Math::tanh);
        check("ELU", "0=0.5", x -> x < 0 ? 0.5 * (Math.exp(x) - 1) : x);
        check("ELU", "", x -> x < 0 ? 0.1 * (Math.exp(x) - 1) : x);
        check("SELU", "", x -> x < 0 ? 1.67326324 * 1.050700987 * (Math.exp(x) - 1) : 1.050700987 * x);
        check("SELU", "0=2.0 1=0.5", x -> x < 0 ? (Math.exp(x) - 1) : 0.5 * x);
        check("CELU", "", x -> x < 0 ? Math.exp(x) - 1 : x);
        check("CELU", "0=2.0", x -> x < 0 ? 2 * (Math.exp(x / 2) - 1) : x);
        check("HardSigmoid", "", x -> Math.min(1, Math.max(0, 0.2 * x + 0.5)));
        check("HardSigmoid", "0=0.1666667", x -> Math.min(1, Math.max(0, x / 6 + 0.5)));
        check("HardSwish", "", x -> x * Math.min(1, Math.max(0, 0.2 * x + 0.5)));
        check("Swish", "", x -> x * sigmoid(x));
        check("Mish", "", x -> x * Math.tanh(Math.log1p(Math.exp(x))));
        check("Softplus", "", x -> Math.log1p(Math.exp(x)));
        check("AbsVal", "", Math::abs);
        check("Dropout", "", x -> x);
        check("Dropout", "0=0.5", x -> x * 0.5);
        check("GELU", "0=1", x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    }

    @Test
    void exactGeluUsesErf() {
        // x * Phi(x) for x = -2, -0.5, 0, 0.5, 3 (values from the normal CDF)
        Expect.mat(run1("GELU", "", IN), shape(5), new float[]{-0.04550026f, -0.15426877f, 0f, 0.34573123f,
            2.99595031f}, 1e-6f);
    }

    @Test
    void mishShortCutsLargeInputs() {
        Mat big = Mat.of(shape(2), new float[]{30f, -30f});
        Expect.mat(run1("Mish", "", big), shape(2), new float[]{30f, (float) (-30 * Math.tanh(Math.exp(-30)))}, 1e-6f);
    }

    @Test
    void unaryOps() {
        float[] x = {-1.5f, 0.5f, 2.5f};
        DoubleUnaryOperator[] ops = {
            Math::abs, v -> -v, Math::floor, Math::ceil, v -> v * v, Math::sqrt, v -> 1 / Math.sqrt(v), Math::exp,
            Math::log, Math::sin, Math::cos, Math::tan, Math::asin, Math::acos, Math::atan, v -> 1 / v, Math::tanh,
            Math::log10, Math::rint, v -> v < 0 ? Math.ceil(v) : Math.floor(v), Math::signum, Math::expm1,
            Math::sinh, v -> Math.log(v + Math.sqrt(v * v + 1)), Math::cosh, v -> Math.log(v + Math.sqrt(v * v - 1)),
            v -> 0.5 * Math.log((1 + v) / (1 - v)), Math::log1p};
        for (int op = 0; op < ops.length; op++) {
            Mat out = run1("UnaryOp", "0=" + op, Mat.of(shape(3), x));
            Expect.mat(out, shape(3), Naive.map(x, ops[op]), 2e-6f);
        }
        // round is half to even; trunc goes toward zero
        Expect.exact(run1("UnaryOp", "0=18", Mat.of(shape(3), x)), shape(3), -2f, 0f, 2f);
        Expect.exact(run1("UnaryOp", "0=19", Mat.of(shape(3), x)), shape(3), -1f, 0f, 2f);
    }
}

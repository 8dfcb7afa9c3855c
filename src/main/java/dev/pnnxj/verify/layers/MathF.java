package dev.pnnxj.verify.layers;

/** The float math functions ncnn's layers call that Java lacks, evaluated in double. */
final class MathF {
    /** ncnn clamps sigmoid's input to this so expf never overflows. */
    private static final float SIGMOID_LIMIT = 88.3762626647949f;

    private MathF() {
    }

    static float sigmoid(float v) {
        v = Math.max(Math.min(v, SIGMOID_LIMIT), -SIGMOID_LIMIT);
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /** 1 / (1 + e^-v) without the clamp, as ncnn's recurrent layers compute it. */
    static float sigmoidUnclamped(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    static float exp(float v) {
        return (float) Math.exp(v);
    }

    static float tanh(float v) {
        return (float) Math.tanh(v);
    }

    static float asinh(double x) {
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return (float) Math.copySign(r, x);
    }

    static float acosh(double x) {
        return (float) Math.log(x + Math.sqrt(x * x - 1));
    }

    static float atanh(double x) {
        return (float) (0.5 * Math.log1p(2 * x / (1 - x)));
    }

    /**
     * Complementary error function with fractional error below 1.2e-7 everywhere (the Chebyshev
     * fit from Numerical Recipes), enough for a float result.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}

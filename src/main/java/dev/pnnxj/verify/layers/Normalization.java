package dev.pnnxj.verify.layers;

/**
 * The normalisation step shared by LayerNorm and GroupNorm: over a set of elements, mean and
 * (biased) variance in two passes, then x*a + b with a = 1/sqrt(var + eps), b = -mean*a; or
 * for RMSNorm no centring: a = 1/sqrt(mean(x^2) + eps), b = 0.
 */
final class Normalization {
    private Normalization() {
    }

    /** {a, b} for the elements of x at offsets base + i*stride + j, i < rows, j < cols. */
    static float[] coefficients(float[] x, int base, int rows, int stride, int cols, float eps) {
        float sum = 0f;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sum += x[base + i * stride + j];
            }
        }
        int n = rows * cols;
        float mean = sum / n;
        float sq = 0f;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float v = x[base + i * stride + j] - mean;
                sq += v * v;
            }
        }
        float var = sq / n;
        float a = 1f / (float) Math.sqrt(var + eps);
        return new float[]{a, -mean * a};
    }

    /** {a, 0} for the {@code size} elements of x from {@code base}, scaled by their root mean square. */
    static float[] rmsCoefficients(float[] x, int base, int size, float eps) {
        float sq = 0f;
        for (int i = 0; i < size; i++) {
            sq += x[base + i] * x[base + i];
        }
        return new float[]{1f / (float) Math.sqrt(sq / size + eps), 0f};
    }
}

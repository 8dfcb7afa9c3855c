package dev.pnnxj.passes.fold;

/** Functions java.lang.Math lacks. */
final class SpecialFunctions {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private SpecialFunctions() {
    }

    /** The error function, to about 1e-14 absolute. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (Double.isNaN(x)) {
            return x;
        } else if (ax < 2.5) {
            // Maclaurin series; its terms stay small enough below 2.5 for cancellation not to matter
            double x2 = ax * ax;
            double term = ax;
            double sum = ax;
            for (int k = 1; Math.abs(term) > 1e-17 * sum; k++) {
                term *= -x2 / k;
                sum += term / (2 * k + 1);
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else if (ax < 6) {
            // Laplace's continued fraction for erfc converges fast this far out
            double f = ax;
            for (int k = 60; k >= 1; k--) {
                f = ax + (k / 2.0) / f;
            }
            r = 1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
        } else {
            r = 1;
        }
        return Math.copySign(r, x);
    }
}

package dev.pnnxj.verify;

/**
 * How far an output is from its reference: max absolute error, max relative error (against the
 * reference's largest magnitude, so near-zero elements don't blow it up) and cosine similarity.
 * Elements where both hold the same infinity agree exactly and are left out of the sums; any other
 * NaN or infinity fails the comparison.
 */
public record Metrics(double maxAbs, double maxRel, double cosine, double refMaxAbs, long count) {

    public static Metrics of(float[] actual, float[] reference) {
        if (actual.length != reference.length) {
            throw new IllegalArgumentException("outputs differ in size: " + actual.length + " vs " + reference.length);
        }
        double maxAbs = 0;
        double refMax = 0;
        double dot = 0;
        double na = 0;
        double nr = 0;
        boolean nan = false;
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i];
            double r = reference[i];
            if (Double.isInfinite(r) && a == r) {
                // the same infinity (a masked attention score, say) is exact and adds nothing to the norms
                continue;
            }
            if (Double.isNaN(a) || Double.isNaN(r) || Double.isInfinite(a) || Double.isInfinite(r)) {
                nan = true;
            }
            maxAbs = Math.max(maxAbs, Math.abs(a - r));
            refMax = Math.max(refMax, Math.abs(r));
            dot += a * r;
            na += a * a;
            nr += r * r;
        }
        double cosine;
        if (nan) {
            cosine = Double.NaN;
            maxAbs = Double.POSITIVE_INFINITY;
        } else if (na == 0 && nr == 0) {
            cosine = 1;
        } else if (na == 0 || nr == 0) {
            cosine = 0;
        } else {
            cosine = dot / Math.sqrt(na * nr);
        }
        double maxRel = refMax == 0 ? (maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY) : maxAbs / refMax;
        return new Metrics(maxAbs, maxRel, cosine, refMax, actual.length);
    }

    /** Whether this is within the given tolerances (a NaN cosine never is). */
    public boolean within(double minCosine, double maxRelError) {
        return cosine >= minCosine && maxRel <= maxRelError;
    }

    @Override
    public String toString() {
        return String.format("max_abs=%.3g max_rel=%.3g cosine=%.7f (ref max %.3g, %d values)", maxAbs, maxRel, cosine,
                refMaxAbs, count);
    }
}

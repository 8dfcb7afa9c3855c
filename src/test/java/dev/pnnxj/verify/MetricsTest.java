package dev.pnnxj.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void measuresAbsoluteRelativeAndCosine() {
        Metrics m = Metrics.of(new float[] {1, 2, 3.5f}, new float[] {1, 2, 4});
        assertEquals(0.5, m.maxAbs(), 1e-12);
        assertEquals(0.125, m.maxRel(), 1e-12);
        assertEquals((1 + 4 + 14) / Math.sqrt((1 + 4 + 12.25) * (1 + 4 + 16)), m.cosine(), 1e-12);
        assertTrue(m.within(0.99, 0.2));
        assertFalse(m.within(0.99, 0.1));
    }

    @Test
    void nanInTheOutputFailsEveryTolerance() {
        Metrics m = Metrics.of(new float[] {Float.NaN, 1}, new float[] {0, 1});
        assertFalse(m.within(-1, Double.MAX_VALUE));
    }

    @Test
    void theSameInfinityOnBothSidesIsExactButAnyOtherNonFiniteValueFails() {
        float ninf = Float.NEGATIVE_INFINITY;
        Metrics m = Metrics.of(new float[] {ninf, 1, 2}, new float[] {ninf, 1, 2});
        assertEquals(0, m.maxAbs());
        assertEquals(1, m.cosine(), 1e-12);
        assertFalse(Metrics.of(new float[] {ninf, 1}, new float[] {0, 1}).within(-1, Double.MAX_VALUE));
        assertFalse(Metrics.of(new float[] {ninf, 1}, new float[] {Float.POSITIVE_INFINITY, 1}).within(-1, Double.MAX_VALUE));
        assertFalse(Metrics.of(new float[] {Float.NaN, 1}, new float[] {Float.NaN, 1}).within(-1, Double.MAX_VALUE));
    }
}

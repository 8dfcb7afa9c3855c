package dev.pnnxj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {
    /**
     * Every finite non-negative half value, ascending (bit patterns 0..0x7bff are monotonic), and
     * at 0x7c00 (infinity) 65536, where the next binade would start: IEEE rounds to infinity
     * exactly as if it were that value.
     */
    private static final double[] HALVES = new double[0x7c01];

    static {
        for (int h = 0; h < 0x7c00; h++) {
            HALVES[h] = Half.toFloat((short) h);
        }
        HALVES[0x7c00] = 65536;
    }

    /** The rounding oracle: the nearest half by distance, a tie to the even bit pattern. */
    private static short nearest(float f) {
        double a = Math.abs((double) f);
        int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
        if (a >= 65536) {
            return (short) (sign | 0x7c00);
        }
        int i = Arrays.binarySearch(HALVES, a);
        if (i >= 0) {
            return (short) (sign | i);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double dLo = a - HALVES[lo];
        double dHi = HALVES[hi] - a;
        int h = dLo < dHi ? lo : dHi < dLo ? hi : (lo % 2 == 0 ? lo : hi);
        return (short) (sign | h);
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >>> 10) & 0x1f;
            if (exp == 0x1f && (h & 0x3ff) != 0) {
                continue; // NaN: checked below
            }
            assertEquals((short) h, Half.fromFloat(Half.toFloat((short) h)), Integer.toHexString(h));
        }
    }

    @Test
    void midpointsAndTheirNeighboursRoundToNearestEven() {
        // the float exactly between two halves, and one float either side of it, for every pair
        for (int h = 0; h < 0x7c00; h++) {
            float mid = (float) ((HALVES[h] + HALVES[h + 1]) / 2);
            for (float f : new float[] {mid, Math.nextDown(mid), Math.nextUp(mid), -mid}) {
                assertEquals(nearest(f), Half.fromFloat(f), () -> "f=" + f + " bits " + Integer.toHexString(Float.floatToRawIntBits(f)));
            }
        }
    }

    @Test
    void randomFloatsOverTheWholeRangeRoundToTheNearestHalf() {
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 2_000_000; k++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))), "NaN stays NaN");
                continue;
            }
            assertEquals(nearest(f), Half.fromFloat(f), () -> "f=" + f);
        }
    }

    @Test
    void overflowAndInfinityGiveInfinity() {
        assertEquals((short) 0x7c00, Half.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals((short) 0xfc00, Half.fromFloat(Float.NEGATIVE_INFINITY));
        assertEquals((short) 0x7bff, Half.fromFloat(65519.996f));
        assertEquals((short) 0x7c00, Half.fromFloat(65520f));
    }
}

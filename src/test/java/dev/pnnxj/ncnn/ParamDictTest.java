package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ParamDictTest {
    @Test
    void writesIntsFloatsAndArraysInNcnnSyntax() {
        ParamDict p = new ParamDict().put(1, 1e-5f).put(0, 64).put(3, new int[] {1, 2}).put(4, new float[] {0.5f, -2f});
        assertEquals("0=64 1=1.0e-05 -23303=2,1,2 -23304=2,5.0e-01,-2.0e+00", p.toParamString());
    }

    /** ncnn reads at most 15 characters per value and at most 9 fraction digits; any float must survive. */
    @Test
    void floatsRoundTripWithinNcnnsLimits() {
        Random r = new Random(1);
        float[] special = {Float.MIN_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, 1e-38f, 0f, -0f, 1f / 3, 0.0012345678f};
        for (int i = 0; i < 20000; i++) {
            float f = i < special.length ? special[i] : Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                continue;
            }
            String s = ParamDict.formatFloat(f);
            assertTrue(s.length() <= 15, s);
            assertTrue(s.contains("e"), s);
            String frac = s.substring(s.indexOf('.') + 1, s.indexOf('e'));
            assertTrue(frac.length() <= 9, s);
            assertEquals(f, Float.parseFloat(s), s);
        }
    }
}

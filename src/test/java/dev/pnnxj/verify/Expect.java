package dev.pnnxj.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on Mats. */
final class Expect {
    private Expect() {
    }

    static void mat(Mat actual, int[] shape, float[] values, float tolerance) {
        assertArrayEquals(shape, actual.shape(), "shape " + actual.shapeString());
        assertEquals(values.length, actual.total());
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                assertEquals(Float.NaN, actual.data()[i], "element " + i);
                continue;
            }
            float tol = tolerance * Math.max(1f, Math.abs(values[i]));
            assertEquals(values[i], actual.data()[i], tol, "element " + i);
        }
    }

    static void exact(Mat actual, int[] shape, float... values) {
        assertArrayEquals(shape, actual.shape(), "shape " + actual.shapeString());
        assertArrayEquals(values, actual.data());
    }
}

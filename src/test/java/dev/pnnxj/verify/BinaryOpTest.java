package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.ramp;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryOpTest {
    private static Mat add(Mat a, Mat b) {
        return run1("BinaryOp", "0=0", a, b);
    }

    @Test
    void sameShape() {
        Expect.exact(add(Mat.of(shape(2, 2), new float[]{1, 2, 3, 4}), Mat.of(shape(2, 2), new float[]{10, 20, 30, 40})),
                shape(2, 2), 11, 22, 33, 44);
    }

    @Test
    void vectorMatchingTheOutermostAxisBroadcastsPerChannel() {
        Mat a = Mat.of(shape(2, 1, 3), ramp(6, 0, 1));
        Expect.exact(add(a, Mat.vector(100, 200)), shape(2, 1, 3), 100, 101, 102, 203, 204, 205);
        // and the vector may come first
        Expect.exact(add(Mat.vector(100, 200), a), shape(2, 1, 3), 100, 101, 102, 203, 204, 205);
        Mat m = Mat.of(shape(2, 3), ramp(6, 0, 1));
        Expect.exact(add(m, Mat.vector(100, 200)), shape(2, 3), 100, 101, 102, 203, 204, 205);
        Mat four = Mat.of(shape(2, 1, 1, 2), ramp(4, 0, 1));
        Expect.exact(add(four, Mat.vector(10, 20)), shape(2, 1, 1, 2), 10, 11, 22, 23);
    }

    @Test
    void otherVectorsBroadcastAlongW() {
        Mat a = Mat.of(shape(2, 2, 3), ramp(12, 0, 1));
        Expect.exact(add(a, Mat.vector(100, 200, 300)), shape(2, 2, 3),
                100, 201, 302, 103, 204, 305, 106, 207, 308, 109, 210, 311);
        Expect.exact(add(Mat.of(shape(2, 3), ramp(6, 0, 1)), Mat.vector(10, 20, 30)), shape(2, 3), 10, 21, 32, 13, 24, 35);
    }

    @Test
    void lowerRankAlignsWithTheOuterAxes() {
        // 2-D [2, 3] against 3-D [2, 3, 2] is lifted to [c=2, h=3, w=1]
        Mat a = Mat.of(shape(2, 3, 2), new float[12]);
        Mat b = Mat.of(shape(2, 3), new float[]{1, 2, 3, 4, 5, 6});
        Expect.exact(add(a, b), shape(2, 3, 2), 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
        // 3-D [2, 1, 2] against 4-D [2, 2, 2, 3] is lifted to [c=2, d=1, h=2, w=1]
        Mat c4 = Mat.of(shape(2, 2, 2, 3), new float[24]);
        Mat c3 = Mat.of(shape(2, 1, 2), new float[]{1, 2, 3, 4});
        Expect.exact(add(c4, c3), shape(2, 2, 2, 3), 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4);
        // 2-D [2, 2] against 4-D [2, 2, 1, 2] is lifted to [c=2, d=2, h=1, w=1]
        Mat d4 = Mat.of(shape(2, 2, 1, 2), new float[8]);
        Expect.exact(add(d4, Mat.of(shape(2, 2), new float[]{1, 2, 3, 4})), shape(2, 2, 1, 2), 1, 1, 2, 2, 3, 3, 4, 4);
    }

    @Test
    void sameRankBroadcastsUnitAxes() {
        Mat a = Mat.of(shape(2, 1, 3), ramp(6, 0, 1));
        Mat b = Mat.of(shape(1, 2, 1), new float[]{10, 20});
        Expect.exact(add(a, b), shape(2, 2, 3), 10, 11, 12, 20, 21, 22, 13, 14, 15, 23, 24, 25);
    }

    @Test
    void everyOperationWithTwoInputs() {
        Mat a = Mat.vector(7f, -2f);
        Mat b = Mat.vector(2f, 3f);
        float[][] expected = {
            {9, 1}, {5, -5}, {14, -6}, {3.5f, -2f / 3}, {7, 3}, {2, -2}, {49, Float.NaN}, {-5, 5}, {2f / 7, -1.5f}, {128, 1f / 9},
            {(float) Math.atan2(7, 2), (float) Math.atan2(-2, 3)}, {(float) Math.atan2(2, 7), (float) Math.atan2(3, -2)},
            {1, -2}, {2, 1}, {(float) (7 + Math.log1p(Math.exp(-5))), (float) (3 + Math.log1p(Math.exp(-5)))},
            {3, -1}, {0, -2}, {-1, 1}, {2, -1}};
        for (int op = 0; op < expected.length; op++) {
            Expect.mat(run1("BinaryOp", "0=" + op, a, b), shape(2), expected[op], 1e-6f);
        }
    }

    @Test
    void scalarOperand() {
        Mat a = Mat.vector(4f, -1f);
        Expect.exact(run1("BinaryOp", "0=1 1=1 2=1.5", a), shape(2), 2.5f, -2.5f);
        Expect.exact(run1("BinaryOp", "0=7 1=1 2=1.5", a), shape(2), -2.5f, 2.5f);
        Expect.exact(run1("BinaryOp", "0=8 1=1 2=2.0", a), shape(2), 0.5f, -2f);
        Expect.exact(run1("BinaryOp", "0=9 1=1 2=2.0", a), shape(2), 16f, 0.5f);
        Expect.mat(run1("BinaryOp", "0=11 1=1 2=1.0", a), shape(2),
                new float[]{(float) Math.atan2(1, 4), (float) Math.atan2(1, -1)}, 1e-6f);
        // ncnn's pow is exp(y * log x): a negative base is NaN even for an integer exponent
        Expect.exact(run1("BinaryOp", "0=6 1=1 2=2.0", a), shape(2), 16f, Float.NaN);
    }

    @Test
    void incompatibleShapesAreAnError() {
        ConversionException e = assertThrows(ConversionException.class,
                () -> add(Mat.of(shape(2, 3), new float[6]), Mat.of(shape(2, 2), new float[4])));
        assertTrue(e.getMessage().endsWith("cannot broadcast [h=2 w=3] with [h=2 w=2] (lifted to [c,d,h,w] [1, 1, 2, 3]"
                + " and [1, 1, 2, 2])"), e.getMessage());
    }
}

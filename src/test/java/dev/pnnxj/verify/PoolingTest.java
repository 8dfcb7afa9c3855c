package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.ramp;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

class PoolingTest {
    /** 1 x 4 x 4 input holding 0..15. */
    private static final Mat X = Mat.of(shape(1, 4, 4), ramp(16, 0, 1));

    @Test
    void max2x2Stride2() {
        Expect.exact(run1("Pooling", "0=0 1=2 2=2", X), shape(1, 2, 2), 5, 7, 13, 15);
    }

    @Test
    void fullPadModeAddsTailPaddingAndExcludesItFromAverages() {
        // 3x3 kernel stride 2 on 4x4: (4-3)%2 = 1 -> one extra column/row; windows at 0 and 2
        Mat out = run1("Pooling", "0=1 1=3 2=2 5=0", X);
        // window rows 2..3 cols 2..3 (the tail is not counted): (10+11+14+15)/4
        Expect.exact(out, shape(1, 2, 2), (0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10) / 9f, (2 + 3 + 6 + 7 + 10 + 11) / 6f,
                (8 + 9 + 10 + 12 + 13 + 14) / 6f, (10 + 11 + 14 + 15) / 4f);
    }

    @Test
    void validPadModeWithExplicitPadsCountIncludedOrNot() {
        // pad 1 all round, 2x2 stride 2: windows start at -1 and 1 and 3 -> 3x3 outputs
        Mat excluded = run1("Pooling", "0=1 1=2 2=2 3=1 5=1", X);
        Mat included = run1("Pooling", "0=1 1=2 2=2 3=1 5=1 6=1", X);
        Expect.exact(excluded, shape(1, 3, 3), 0, 1.5f, 3, 6, 7.5f, 9, 12, 13.5f, 15);
        Expect.exact(included, shape(1, 3, 3), 0, 0.75f, 0.75f, 3, 7.5f, 4.5f, 3, 6.75f, 3.75f);
    }

    @Test
    void maxPaddingNeverWins() {
        Mat neg = Mat.of(shape(1, 2, 2), new float[]{-5, -6, -7, -8});
        Expect.exact(run1("Pooling", "0=0 1=2 2=1 3=1 5=1", neg), shape(1, 3, 3), -5, -5, -6, -5, -5, -6, -7, -7, -8);
    }

    @Test
    void samePadModes() {
        // 3x3 stride 1 on 4x4 with SAME: 2 pad cells per axis split 1/1 either way; max equals window max
        Mat upper = run1("Pooling", "0=0 1=3 2=1 5=2", X);
        Expect.exact(upper, shape(1, 4, 4), 5, 6, 7, 7, 9, 10, 11, 11, 13, 14, 15, 15, 13, 14, 15, 15);
        // 2x2 stride 2 on 3x3: pad 1: upper after, lower before
        Mat x3 = Mat.of(shape(1, 3, 3), ramp(9, 1, 1));
        Expect.exact(run1("Pooling", "0=0 1=2 2=2 5=2", x3), shape(1, 2, 2), 5, 6, 8, 9);
        Expect.exact(run1("Pooling", "0=0 1=2 2=2 5=3", x3), shape(1, 2, 2), 1, 3, 7, 9);
        // ncnn counts the SAME border in averages even with avgpool_count_include_pad=0
        Expect.exact(run1("Pooling", "0=1 1=2 2=2 5=2", x3), shape(1, 2, 2), 3, 2.25f, 3.75f,
                2.25f);
    }

    @Test
    void globalAndAdaptive() {
        Expect.exact(run1("Pooling", "0=0 4=1", X), shape(1), 15);
        Expect.exact(run1("Pooling", "0=1 4=1", X), shape(1), 7.5f);
        Mat x = Mat.of(shape(1, 1, 5), ramp(5, 0, 1));
        // adaptive 5 -> 3: windows [0,2) [1,4) [3,5)
        Expect.exact(run1("Pooling", "0=1 7=1 8=3 18=1", x), shape(1, 1, 3), 0.5f, 2f, 3.5f);
        Expect.exact(run1("Pooling", "0=0 7=1 8=3 18=-233", x), shape(1, 1, 3), 1f, 3f, 4f);
    }

    @Test
    void pooling1dRunsOverEachRow() {
        Mat x = Mat.of(shape(2, 5), ramp(10, 0, 1));
        Expect.exact(run1("Pooling1D", "0=0 1=2 2=2", x), shape(2, 3), 1, 3, 4, 6, 8, 9);
        Expect.exact(run1("Pooling1D", "0=1 1=2 2=2 5=1", x), shape(2, 2), 0.5f, 2.5f, 5.5f, 7.5f);
        Expect.exact(run1("Pooling1D", "0=1 4=1", x), shape(2), 2f, 7f);
        Expect.exact(run1("Pooling1D", "0=0 7=1 8=2", x), shape(2, 2), 2, 4, 7, 9);
    }
}

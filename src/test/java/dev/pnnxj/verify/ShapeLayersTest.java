package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pnnxj.verify.Models.ramp;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.runLayer;
import static dev.pnnxj.verify.Models.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeLayersTest {
    /** [c=2, h=3, w=4] holding 0..23. */
    private static final Mat CHW = Mat.of(shape(2, 3, 4), ramp(24, 0, 1));

    @Test
    void flatten() {
        Expect.exact(run1("Flatten", "", CHW), shape(24), ramp(24, 0, 1));
    }

    @Test
    void reshapeWithZeroAndMinusOne() {
        Expect.exact(run1("Reshape", "0=-1", CHW), shape(24), ramp(24, 0, 1));
        Expect.exact(run1("Reshape", "0=6 1=-1", CHW), shape(4, 6), ramp(24, 0, 1));
        // 0 keeps the input's w (4)
        Expect.exact(run1("Reshape", "0=0 1=2 2=-1", CHW), shape(3, 2, 4), ramp(24, 0, 1));
        Expect.exact(run1("Reshape", "0=2 1=3 11=2 2=-1", CHW), shape(2, 2, 3, 2), ramp(24, 0, 1));
        // c present without d means 3-D
        Expect.exact(run1("Reshape", "0=4 1=3 2=2", CHW), shape(2, 3, 4), ramp(24, 0, 1));
    }

    @Test
    void reshapeRejectsWrongCountsAndThePermuteFlag() {
        assertTrue(assertThrows(ConversionException.class, () -> run1("Reshape", "0=5", CHW)).getMessage()
                .endsWith("cannot reshape [c=2 h=3 w=4] (24 values) to [5]"));
        assertTrue(assertThrows(ConversionException.class, () -> run1("Reshape", "0=24 3=1", CHW)).getMessage()
                .endsWith("Reshape permute=1 (param 3) is ignored by current ncnn; emit a Permute instead"));
    }

    @Test
    void permute2dAnd3d() {
        Mat hw = Mat.of(shape(2, 3), ramp(6, 0, 1));
        Expect.exact(run1("Permute", "0=1", hw), shape(3, 2), 0, 3, 1, 4, 2, 5);
        Mat x = Mat.of(shape(2, 2, 3), ramp(12, 0, 1));
        // order 0 is identity; 1 = "h w c" swaps h and w
        Expect.exact(run1("Permute", "0=0", x), shape(2, 2, 3), ramp(12, 0, 1));
        Expect.exact(run1("Permute", "0=1", x), shape(2, 3, 2), 0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11);
        // 5 = "c h w": out w = in c, out h = in h, out c = in w: out[w][h][c]
        Expect.exact(run1("Permute", "0=5", x), shape(3, 2, 2), 0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11);
        // 3 = "c w h": out[h][w][c]
        Expect.exact(run1("Permute", "0=3", x), shape(2, 3, 2), 0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11);
    }

    @Test
    void permute4dMatchesTheDirectIndexFormula() {
        Mat x = Mat.of(shape(2, 3, 4, 5), ramp(120, 0, 1));
        // 23 = "c d h w": output [w][h][d][c]
        Mat out = run1("Permute", "0=23", x);
        float[] expect = new float[120];
        int i = 0;
        for (int w = 0; w < 5; w++) {
            for (int h = 0; h < 4; h++) {
                for (int d = 0; d < 3; d++) {
                    for (int c = 0; c < 2; c++) {
                        expect[i++] = ((c * 3 + d) * 4 + h) * 5 + w;
                    }
                }
            }
        }
        Expect.exact(out, shape(5, 4, 3, 2), expect);
        // 10 = "h c w d": out w = in h, out h = in c, out d = in w, out c = in d: [d][w][c][h]
        Mat o10 = run1("Permute", "0=10", x);
        assertEquals(List.of(3, 5, 2, 4), java.util.Arrays.stream(o10.shape()).boxed().toList());
        assertEquals(((1 * 3 + 2) * 4 + 3) * 5 + 4, o10.data()[((2 * 5 + 4) * 2 + 1) * 4 + 3]);
    }

    @Test
    void squeezeAndExpandDims() {
        Mat x = Mat.of(shape(1, 3, 1), ramp(3, 0, 1));
        Expect.exact(run1("Squeeze", "0=1 1=1 2=1", x), shape(3), 0, 1, 2);
        Expect.exact(run1("Squeeze", "2=1", x), shape(3, 1), 0, 1, 2);
        Expect.exact(run1("Squeeze", "-23303=1,-1", x), shape(1, 3), 0, 1, 2);
        // an axis whose extent is not 1 stays
        Expect.exact(run1("Squeeze", "-23303=1,1", x), shape(1, 3, 1), 0, 1, 2);
        Expect.exact(run1("Squeeze", "0=1", Mat.vector(5)), shape(1), 5);
        Expect.exact(run1("ExpandDims", "-23303=1,0", Mat.vector(1, 2)), shape(1, 2), 1, 2);
        Expect.exact(run1("ExpandDims", "-23303=2,0,-1", Mat.vector(1, 2)), shape(1, 2, 1), 1, 2);
        Expect.exact(run1("ExpandDims", "-23303=1,1", Mat.of(shape(2, 3), ramp(6, 0, 1))), shape(2, 1, 3),
                ramp(6, 0, 1));
    }

    @Test
    void concatAlongEachAxis() {
        Mat a = Mat.of(shape(1, 2, 2), new float[]{1, 2, 3, 4});
        Mat b = Mat.of(shape(1, 2, 2), new float[]{5, 6, 7, 8});
        Expect.exact(run1("Concat", "0=0", a, b), shape(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        Expect.exact(run1("Concat", "0=1", a, b), shape(1, 4, 2), 1, 2, 3, 4, 5, 6, 7, 8);
        Expect.exact(run1("Concat", "0=-1", a, b), shape(1, 2, 4), 1, 2, 5, 6, 3, 4, 7, 8);
        Expect.exact(run1("Concat", "0=0", Mat.vector(1), Mat.vector(2, 3)), shape(3), 1, 2, 3);
        // like ncnn, 1-D blobs concatenate whatever the axis says
        Expect.exact(run1("Concat", "0=2", Mat.vector(1), Mat.vector(2, 3)), shape(3), 1, 2, 3);
    }

    @Test
    void sliceBySizesEvenSharesAndIndices() {
        Mat x = Mat.of(shape(2, 5), ramp(10, 0, 1));
        List<Mat> parts = runLayer("Slice", "-23300=2,2,-233 1=1", new Bin(), 2, x);
        Expect.exact(parts.get(0), shape(2, 2), 0, 1, 5, 6);
        Expect.exact(parts.get(1), shape(2, 3), 2, 3, 4, 7, 8, 9);
        List<Mat> even = runLayer("Slice", "-23300=3,-233,-233,-233 1=3", new Bin(), 3, Mat.vector(ramp(7, 0, 1)));
        assertEquals(2, even.get(0).total());
        assertEquals(2, even.get(1).total());
        Expect.exact(even.get(2), shape(3), 4, 5, 6);
        List<Mat> byIndex = runLayer("Slice", "1=0 -23302=1,1", new Bin(), 2, x);
        Expect.exact(byIndex.get(0), shape(1, 5), 0, 1, 2, 3, 4);
        Expect.exact(byIndex.get(1), shape(1, 5), 5, 6, 7, 8, 9);
    }

    @Test
    void cropNumpyStyle() {
        // axis 2 (w) from 1 to -1, axis 0 (c) from 1 to the end
        Mat out = run1("Crop", "-23309=2,1,1 -23310=2,-1,-233 -23311=2,2,0", CHW);
        Expect.exact(out, shape(1, 3, 2), 13, 14, 17, 18, 21, 22);
        // an end of 0 means the end
        Expect.exact(run1("Crop", "-23309=1,2 -23310=1,0 -23311=1,-1", Mat.vector(ramp(4, 0, 1))), shape(2), 2, 3);
    }

    @Test
    void cropOffsetStyleAndReference() {
        // h offset 1, rest of h; w offset 1 and 1 from the far side; c untouched
        Mat out = run1("Crop", "0=1 1=1 2=0 3=-233 4=-233 5=-233 6=1", CHW);
        Expect.exact(out, shape(2, 2, 2), 5, 6, 9, 10, 17, 18, 21, 22);
        Expect.exact(run1("Crop", "0=2 3=1", Mat.vector(ramp(4, 0, 1))), shape(1), 2);
        Mat ref = Mat.zeros(2, 2);
        Expect.exact(run1("Crop", "0=1 1=1", Mat.of(shape(3, 3), ramp(9, 0, 1)), ref), shape(2, 2), 4, 5, 7, 8);
    }

    @Test
    void paddingConstantReplicateReflect() {
        Mat x = Mat.of(shape(1, 2, 3), new float[]{1, 2, 3, 4, 5, 6});
        Expect.exact(run1("Padding", "0=1 2=1 5=9.0", x), shape(1, 3, 4), 9, 9, 9, 9, 9, 1, 2, 3, 9, 4, 5, 6);
        Expect.exact(run1("Padding", "1=1 3=2 4=1", x), shape(1, 3, 5), 1, 2, 3, 3, 3, 4, 5, 6, 6, 6, 4, 5, 6, 6, 6);
        Expect.exact(run1("Padding", "2=2 3=1 4=2", x), shape(1, 2, 6), 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5);
        // front/behind pad channels of a 3-D blob
        Expect.exact(run1("Padding", "7=1 5=-1.0", Mat.of(shape(1, 1, 2), new float[]{1, 2})), shape(2, 1, 2),
                -1, -1, 1, 2);
        // and depth of a 4-D blob
        Expect.exact(run1("Padding", "8=1 4=1", Mat.of(shape(1, 2, 1, 1), new float[]{1, 2})), shape(1, 3, 1, 1),
                1, 2, 2);
        Expect.exact(run1("Padding", "2=1 3=1", Mat.vector(5)), shape(3), 0, 5, 0);
    }

    @Test
    void paddingPerChannelValues() {
        Mat x = Mat.of(shape(2, 1, 1), new float[]{1, 2});
        Expect.exact(run1("Padding", "2=1 6=2", new Bin().raw(7, 8), x), shape(2, 1, 2), 7, 1, 8, 2);
    }

    @Test
    void pixelShuffleAndReorg() {
        Mat x = Mat.of(shape(4, 1, 1), new float[]{0, 1, 2, 3});
        Expect.exact(run1("PixelShuffle", "0=2", x), shape(1, 2, 2), 0, 1, 2, 3);
        Mat two = Mat.of(shape(8, 1, 1), ramp(8, 0, 1));
        // mode 0: channel p*4 + sh*2 + sw; mode 1: (sh*2 + sw)*2 + p
        Expect.exact(run1("PixelShuffle", "0=2", two), shape(2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
        Expect.exact(run1("PixelShuffle", "0=2 1=1", two), shape(2, 2, 2), 0, 2, 4, 6, 1, 3, 5, 7);
        // Reorg undoes PixelShuffle of the same mode
        Mat shuffled = Mat.of(shape(2, 2, 2), new float[] {0, 2, 4, 6, 1, 3, 5, 7});
        Expect.exact(run1("Reorg", "0=2 1=1", shuffled), shape(8, 1, 1), 0, 1, 2, 3, 4, 5, 6, 7);
        Mat oneChannel = Mat.of(shape(1, 2, 3), new float[] {0, 1, 2, 3, 4, 5});
        Expect.exact(run1("Reorg", "0=2", oneChannel), shape(4, 1, 1), 0, 1, 3, 4);
    }

    @Test
    void shuffleChannelAndReverse() {
        Mat x = Mat.of(shape(6, 1, 1), ramp(6, 0, 1));
        Mat shuffled = run1("ShuffleChannel", "0=2", x);
        Expect.exact(shuffled, shape(6, 1, 1), 0, 3, 1, 4, 2, 5);
        Expect.exact(run1("ShuffleChannel", "0=2 1=1", shuffled), shape(6, 1, 1), 0, 1, 2, 3, 4, 5);
    }

    @Test
    void eltwiseOps() {
        Mat a = Mat.vector(1, -2);
        Mat b = Mat.vector(3, 4);
        Mat c = Mat.vector(10, 10);
        Expect.exact(run1("Eltwise", "0=0", a, b, c), shape(2), 30, -80);
        Expect.exact(run1("Eltwise", "0=1", a, b, c), shape(2), 14, 12);
        Expect.exact(run1("Eltwise", "0=1 -23301=3,1.0,-1.0,0.5", a, b, c), shape(2), 3, -1);
        Expect.exact(run1("Eltwise", "0=2", a, b), shape(2), 3, 4);
    }

    @Test
    void splitAndNoopShareTheBlob() {
        Mat x = Mat.vector(1, 2);
        List<Mat> parts = runLayer("Split", "", new Bin(), 3, x);
        assertEquals(3, parts.size());
        assertSame(x, parts.get(2));
        assertSame(x, run1("Noop", "", x));
    }

    @Test
    void memoryData() {
        NcnnExecutor ex = Models.load(new Bin().raw(1, 2, 3, 4, 5, 6).flagged(7, 8),
                "MemoryData a 0 1 a 0=3 1=2", "MemoryData b 0 1 b 0=2 21=0", "MemoryData c 0 1 c");
        var out = ex.run(java.util.Map.of(), List.of("a", "b", "c"));
        Expect.exact(out.get("a"), shape(2, 3), 1, 2, 3, 4, 5, 6);
        Expect.exact(out.get("b"), shape(2), 7, 8);
        Expect.exact(out.get("c"), shape(1), 0);
    }

    @Test
    void tileRepeatsLineUpFromWAndRaiseTheRank() {
        Mat hw = Mat.of(shape(2, 2), new float[]{1, 2, 3, 4});
        Expect.exact(run1("Tile", "-23302=2,2,1", hw), shape(4, 2), 1, 2, 3, 4, 1, 2, 3, 4);
        Expect.exact(run1("Tile", "-23302=1,2", hw), shape(2, 4), 1, 2, 1, 2, 3, 4, 3, 4);
        // three repeats on a 2-D blob: c, h, w
        Expect.exact(run1("Tile", "-23302=3,2,1,1", hw), shape(2, 2, 2), 1, 2, 3, 4, 1, 2, 3, 4);
        // three repeats on a 4-D blob: d, h, w
        Mat cdhw = Mat.of(shape(2, 1, 1, 2), new float[]{1, 2, 3, 4});
        Expect.exact(run1("Tile", "-23302=3,2,1,1", cdhw), shape(2, 2, 1, 2), 1, 2, 1, 2, 3, 4, 3, 4);
        // four repeats on a 3-D blob start at c, not at a new outer axis
        Mat chw = Mat.of(shape(2, 1, 2), new float[]{1, 2, 3, 4});
        Expect.exact(run1("Tile", "-23302=4,2,1,1,1", chw), shape(4, 1, 1, 2), 1, 2, 3, 4, 1, 2, 3, 4);
    }

    @Test
    void tileOfOneAxisByTiles() {
        Mat chw = Mat.of(shape(2, 1, 2), new float[]{1, 2, 3, 4});
        Expect.exact(run1("Tile", "0=1 1=3", chw), shape(2, 3, 2), 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4);
        Expect.exact(run1("Tile", "0=0 1=2", chw), shape(4, 1, 2), 1, 2, 3, 4, 1, 2, 3, 4);
        // a 1-D blob ignores the axis
        Expect.exact(run1("Tile", "0=2 1=2", Mat.vector(1, 2)), shape(4), 1, 2, 1, 2);
    }

    @Test
    void cumulativeSumAlongEachAxis() {
        Mat chw = Mat.of(shape(2, 2, 2), ramp(8, 1, 1));
        Expect.exact(run1("CumulativeSum", "0=0", chw), shape(2, 2, 2), 1, 2, 3, 4, 6, 8, 10, 12);
        Expect.exact(run1("CumulativeSum", "0=1", chw), shape(2, 2, 2), 1, 2, 4, 6, 5, 6, 12, 14);
        Expect.exact(run1("CumulativeSum", "0=-1", chw), shape(2, 2, 2), 1, 3, 3, 7, 5, 11, 7, 15);
        Expect.exact(run1("CumulativeSum", "0=3", Mat.vector(1, 2, 3)), shape(3), 1, 3, 6);
        assertTrue(assertThrows(ConversionException.class, () -> run1("CumulativeSum", "0=3", chw)).getMessage()
                .endsWith("axis 3 is out of range for a 3-D blob"));
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileEmitterTest {
    @Test
    void tileDropsTheBatchRepeatAndRepeatsWholeBlocks() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 1, 3);
        t.op("Tile", List.of(x, t.longs("repeats", 1, 2, 2, 1)), s(1, 4, 2, 3));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=1 2=2
                Tile                     tile_0                   1 1 in0 out0 -23302=3,2,2,1
                """, t.param());
        Mat out = t.run(Mat.of(s(2, 1, 3), new float[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(s(4, 2, 3), out.shape());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6},
                out.data());
    }

    @Test
    void tilingTheBatchAxisKeepsItAsNcnnsOutermostAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("Tile", List.of(x, t.longs("repeats", 2, 1, 1)), s(2, 2, 3));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                Tile                     tile_0                   1 1 0 out0 -23302=3,2,1,1
                """, t.param());
        Mat out = t.run(Mat.of(s(2, 3), new float[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(s(2, 2, 3), out.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, out.data());
    }

    @Test
    void tilingAnUnknownBatchIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", -1, 2, 3);
        t.op("Tile", List.of(x, t.longs("repeats", 2, 1, 1)), s(-1, 2, 3));
        assertEquals("Tile repeats [2, 1, 1] the batch axis of [?,2,3], which ncnn drops", t.refusal());
    }

    @Test
    void expandRepeatsTheSizeOneAxes() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 1, 1);
        t.op("Expand", List.of(x, t.longs("shape", 1, 3, 2, 2)), s(1, 3, 2, 2));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=1 1=1 2=3
                Tile                     tile_0                   1 1 in0 out0 -23302=3,1,2,2
                """, t.param());
        assertArrayEquals(new float[] {7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9},
                t.run(Mat.of(s(3, 1, 1), new float[] {7, 8, 9})).data());
    }

    @Test
    void expandToAHigherRankLinesTheAxesUpFromTheInnermost() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3);
        t.op("Expand", List.of(x, t.longs("shape", 1, 2, 3)), s(1, 2, 3));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3
                Tile                     tile_0                   1 1 in0 out0 -23302=2,2,1
                """, t.param());
        Mat out = t.run(Mat.vector(1, 2, 3));
        assertArrayEquals(s(2, 3), out.shape());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, out.data());
    }

    @Test
    void expandOfA3dBlobTo4dIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4);
        t.op("Expand", List.of(x, t.longs("shape", 1, 5, 2, 3, 4)), s(1, 5, 2, 3, 4));
        assertEquals("Expand from [1,2,3,4] to [1,5,2,3,4] makes a 3-D blob 4-D, where ncnn Tile applies the first"
                + " repeat to c instead of a new outer axis", t.refusal());
    }

    @Test
    void expandToADataDependentShapeIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 1);
        Value shape = t.input("shape", 3);
        t.op("Expand", List.of(x, shape), s(1, 3, 4));
        assertEquals("Expand shape must be a constant (input 1 of Expand depends on data)", t.refusal());
    }

    @Test
    void expandOfAnUnknownExtentIsRefused() {
        // whether the ? is 1 (repeat 4 times) or 4 (keep) is only known when the model runs
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, -1, 1);
        t.op("Expand", List.of(x, t.longs("shape", 1, 4, 1)), s(1, 4, 1));
        assertEquals("Expand from [1,?,1] to [1,4,1] has an extent that is unknown at conversion time", t.refusal());
    }

    @Test
    void cumSumMapsItsAxisInputToNcnnsAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("CumSum", List.of(x, t.longs("axis", -1)), s(1, 2, 3));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2
                CumulativeSum            cumulativesum_0          1 1 in0 out0 0=1
                """, t.param());
        assertArrayEquals(new float[] {1, 3, 6, 4, 9, 15}, t.run(Mat.of(s(2, 3), new float[] {1, 2, 3, 4, 5, 6}))
                .data());
    }

    @Test
    void reverseCumSumIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("CumSum", List.of(x, t.longs("axis", 1)), s(1, 2, 3)).set("reverse", 1);
        assertEquals("ncnn CumulativeSum has no exclusive or reverse form", t.refusal());
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridSampleEmitterTest {
    @Test
    void gridIsReadAsItIsWithTheSourceSampleTypes() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4);
        Value grid = t.input("grid", 1, 5, 6, 2);
        t.op("GridSample", List.of(x, grid), s(1, 2, 5, 6)).set("mode", "nearest").set("padding_mode", "reflection")
                .set("align_corners", 1);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=4 1=3 2=2
                Input                    input_1                  0 1 in1 0=2 1=6 2=5
                GridSample               gridsample_0             2 1 in0 in1 out0 0=2 1=3 2=1
                """, t.param());
    }

    @Test
    void bilinearAtPixelCornersAndBetweenThem() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 1, 2, 2);
        Value grid = t.input("grid", 1, 1, 3, 2);
        t.op("GridSample", List.of(x, grid), s(1, 1, 1, 3)).set("mode", "linear").set("align_corners", 1);
        // (-1,-1) is pixel (0,0), (1,1) pixel (1,1), (0,0) the mean of all four; zeros padding past the edge
        Mat out = t.run(Mat.of(new int[] {1, 2, 2}, new float[] {1, 2, 3, 4}),
                Mat.of(new int[] {1, 3, 2}, new float[] {-1, -1, 1, 1, 0, 0}));
        assertArrayEquals(new float[] {1, 4, 2.5f}, out.data(), 1e-6f);
    }

    @Test
    void constantGridDropsItsBatchAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4);
        Value grid = t.floats("grid", Shape.of(1, 1, 2, 2), 0, 0, 0.5f, -0.5f);
        t.op("GridSample", List.of(x, grid), s(1, 2, 1, 2));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=4 1=3 2=2
                MemoryData               memorydata_0             0 1 0 0=2 1=2 2=1
                GridSample               gridsample_0             2 1 in0 0 out0 0=1 1=1 2=0
                """, t.param());
    }

    @Test
    void mapsOnTheKeptBatchAxisAreSampledAsOneVolume() {
        TinyGraph t = new TinyGraph();
        Value x = t.inner("Reshape", List.of(t.input("x", 1, 2, 2, 2), t.longs("xs", 2, 1, 2, 2)), s(2, 1, 2, 2))
                .output(0);
        Value grid = t.inner("Reshape", List.of(t.input("grid", 1, 2, 1, 1, 2), t.longs("gs", 2, 1, 1, 2)),
                s(2, 1, 1, 2)).output(0);
        t.op("GridSample", List.of(x, grid), s(2, 1, 1, 1)).set("mode", "linear").set("align_corners", 1);
        assertEquals("""
                7767517
                7 7
                Input                    input_0                  0 1 in0 0=2 1=2 2=2
                Input                    input_1                  0 1 in1 0=2 1=1 2=2 11=1
                MemoryData               memorydata_0             0 1 1 0=1 1=1 2=2 11=1
                Concat                   concat_0                 2 1 in1 1 2 0=3
                Reshape                  reshape_1                1 1 in0 3 0=2 1=2 2=1 11=2
                GridSample               gridsample_0             2 1 3 2 4 0=1 1=1 2=1
                Reshape                  reshape_2                1 1 4 out0 0=1 1=1 2=2 11=1
                """, t.param());
        // map 0 at its pixel (x=1, y=0), map 1 at its pixel (x=0, y=1): each sample reads its own map
        Mat out = t.run(Mat.of(new int[] {2, 2, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Mat.of(new int[] {2, 1, 1, 2}, new float[] {1, -1, -1, 1}));
        assertArrayEquals(new float[] {2, 7}, out.data(), 1e-5f);
    }

    @Test
    void volumetricSamplingIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4, 5);
        Value grid = t.input("grid", 1, 2, 2, 2, 3);
        t.op("GridSample", List.of(x, grid), s(1, 2, 2, 2, 2));
        assertEquals("pnnx-j lowers GridSample of one [1,C,H,W] image (not yet ncnn's volumetric form), got [1,2,3,4,5]", t.refusal());
    }
}

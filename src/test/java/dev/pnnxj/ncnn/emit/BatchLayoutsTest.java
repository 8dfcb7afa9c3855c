package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch-1 graph that moves data onto axis 0 keeps that axis for ncnn (see ReconcileBatchLayouts). */
class BatchLayoutsTest {
    @Test
    void reductionOverAxis0WritesAKeptTwinReViewedIntoTheDroppedResult() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 3);
        Value rows = t.inner("Transpose", List.of(x), s(4, 1, 3)).set("perm", new long[] {1, 0, 2}).output(0);
        t.op("ReduceSum", List.of(rows, t.longs("axes", 0)), s(1, 1, 3)).set("keepdims", 1L);
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=3 1=4
                Reshape                  reshape_0                1 1 in0 0 0=3 1=1 2=4
                Reduction                reduction_0              1 1 0 1 0=0 1=0 -23303=1,0 4=1 5=1
                Reshape                  reshape_1                1 1 1 out0 0=3 1=1
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {4, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        assertEquals("[h=1 w=3]", y.shapeString());
        assertArrayEquals(new float[] {22, 26, 30}, y.data());
    }

    @Test
    void aKeptValueOfFiveDimsIsReportedUnderItsOwnName() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 6, 4, 5, 2);
        Value qkv = t.inner("Reshape", List.of(x, t.longs("shape", 3, 2, 4, 5, 2)), s(3, 2, 4, 5, 2)).output(0);
        t.op("Slice", List.of(qkv, t.longs("starts", 0), t.longs("ends", 1), t.longs("axes", 0)), s(1, 2, 4, 5, 2));
        // the Reshape making it and the Slice reading it are both refused; no re-viewed twin is named
        String why = "'reshape_out0' [3,2,4,5,2] has 5 dims with its batch axis kept; ncnn holds at most 4";
        assertEquals(List.of(why, why), t.refusals());
    }
}

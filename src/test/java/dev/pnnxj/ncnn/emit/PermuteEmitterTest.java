package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermuteEmitterTest {
    @Test
    void nchwToNhwcIsOrderTypeThree() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Transpose", List.of(x), s(1, 6, 8, 4)).set("perm", new long[] {0, 2, 3, 1});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Permute                  permute_0                1 1 in0 out0 0=3
                """, t.param());
    }

    @Test
    void everyNonIdentityThreeDimensionalOrder() {
        assertEquals(1, orderType(new long[] {0, 1, 3, 2}, 1, 2, 7, 5));
        assertEquals(2, orderType(new long[] {0, 2, 1, 3}, 1, 5, 2, 7));
        assertEquals(3, orderType(new long[] {0, 2, 3, 1}, 1, 5, 7, 2));
        assertEquals(4, orderType(new long[] {0, 3, 1, 2}, 1, 7, 2, 5));
        assertEquals(5, orderType(new long[] {0, 3, 2, 1}, 1, 7, 5, 2));
    }

    @Test
    void twoAndFourDimensionalOrders() {
        assertEquals(1, orderType(new long[] {0, 2, 1}, 1, 5, 7));
        // [c,d,h,w] -> [c,h,w,d]: innermost first the output takes d, w, h, c
        assertEquals(3, orderType(new long[] {0, 1, 3, 4, 2}, 1, 2, 3, 4, 5));
        assertEquals(23, orderType(new long[] {0, 4, 3, 2, 1}, 1, 5, 4, 3, 2));
        assertEquals(6, orderType(new long[] {0, 2, 1, 3, 4}, 1, 3, 2, 4, 5));
    }

    @Test
    void fourDimensionalPermuteGolden() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4, 5);
        t.op("Transpose", List.of(x), s(1, 2, 4, 5, 3)).set("perm", new long[] {0, 1, 3, 4, 2});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=4 2=2 11=3
                Permute                  permute_0                1 1 in0 out0 0=3
                """, t.param());
    }

    @Test
    void identityPermIsAnAlias() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        Value p = t.inner("Transpose", List.of(x), s(1, 4, 6)).set("perm", new long[] {0, 1, 2}).output(0);
        t.op("Neg", List.of(p), s(1, 4, 6));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=1
                """, t.param());
    }

    @Test
    void movingOnlyUnitAxesIsAReshape() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 1, 8);
        t.op("Transpose", List.of(x), s(1, 1, 4, 8)).set("perm", new long[] {0, 2, 1, 3});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=1 2=4
                Reshape                  reshape_0                1 1 in0 out0 0=8 1=4 2=1
                """, t.param());
    }

    @Test
    void batchKeptOnBothSidesIsOneMoreAxisToOrder() {
        // a batch of 2 moved inward mixes samples, so both values keep axis 0: ncnn (2,4,8) → (4,2,8)
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 2, 4, 8);
        t.op("Transpose", List.of(x), s(4, 2, 8)).set("perm", new long[] {1, 0, 2});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4 2=2
                Permute                  permute_0                1 1 in0 out0 0=2
                """, t.param());
    }

    @Test
    void movingTheBatchAxisKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("Transpose", List.of(x), s(3, 1, 2)).set("perm", new long[] {2, 0, 1});
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                Permute                  permute_0                1 1 0 out0 0=4
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertEquals("[c=3 h=1 w=2]", y.shapeString());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, y.data());
    }

    @Test
    void moreThanFourNcnnDimsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4, 5, 6);
        t.op("Transpose", List.of(x), s(1, 2, 3, 4, 6, 5)).set("perm", new long[] {0, 1, 2, 3, 5, 4});
        String tooMany = "'x' [1,2,3,4,5,6] has 5 dims after dropping batch; ncnn holds at most 4";
        assertEquals(List.of(tooMany, tooMany), t.refusals());
    }

    private static int orderType(long[] perm, int... inShape) {
        int[] outShape = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = inShape[(int) perm[i]];
        }
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", inShape);
        t.op("Transpose", List.of(x), outShape).set("perm", perm);
        String[] lines = t.param().split("\n");
        String last = lines[lines.length - 1];
        if (!last.startsWith("Permute")) {
            return -1;
        }
        return Integer.parseInt(last.substring(last.lastIndexOf("0=") + 2));
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReshapeEmitterTest {
    @Test
    void reshapeWritesTheOutputsNcnnDims() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Reshape", List.of(x, t.longs("shape", 1, 4, 48)), s(1, 4, 48));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Reshape                  reshape_0                1 1 in0 out0 0=48 1=4
                """, t.param());
    }

    @Test
    void reshapeToFourNcnnDimsWritesDepth() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 24, 8);
        t.op("Reshape", List.of(x, t.longs("shape", 1, 2, 3, 4, 8)), s(1, 2, 3, 4, 8));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=24
                Reshape                  reshape_0                1 1 in0 out0 0=8 1=4 2=2 11=3
                """, t.param());
    }

    @Test
    void squeezeThenUnsqueezeBecomesOneReshape() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 1, 8);
        Value sq = t.inner("Squeeze", List.of(x, t.longs("axes", 2)), s(1, 4, 8)).output(0);
        t.op("Unsqueeze", List.of(sq, t.longs("axes2", 3)), s(1, 4, 8, 1));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=1 2=4
                Reshape                  reshape_1                1 1 in0 out0 0=1 1=8 2=4
                """, t.param());
    }

    @Test
    void squeezingTheBatchAxisKeepsTheRemainingOnesAsNcnnDims() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 1, 6, 8);
        t.op("Squeeze", List.of(x, t.longs("axes", 0)), s(1, 6, 8));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=1
                Reshape                  reshape_0                1 1 in0 out0 0=8 1=6
                """, t.param());
    }

    @Test
    void unchangedNcnnDimsNeedNoLayer() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        Value r = t.inner("Reshape", List.of(x, t.longs("shape", 1, 4, 6)), s(1, 4, 6)).output(0);
        t.op("Sqrt", List.of(r), s(1, 4, 6));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=5
                """, t.param());
    }

    @Test
    void oneUnknownDimIsWrittenAsTheRest() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, -1, 8);
        t.op("Reshape", List.of(x, t.longs("shape", 1, 3, -1)), s(1, 3, -1));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=-1 2=3
                Reshape                  reshape_0                1 1 in0 out0 0=-1 1=3
                """, t.param());
    }

    @Test
    void twoUnknownDimsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, -1, -1, 8);
        t.op("Reshape", List.of(x, t.longs("shape", 1, 0, -1)), s(1, -1, -1));
        assertEquals("reshape to [-1, -1] has more than one unknown dim; give inputshape=", t.refusal());
    }

    @Test
    void reshapeIntoTheBatchAxisKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        t.op("Reshape", List.of(x, t.longs("shape", 4, 6)), s(4, 6));
        // [1,4,6] and [4,6] are the same ncnn blob once the first drops its batch of 1
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4
                Noop                     noop_0                   1 1 in0 out0
                """, t.param());
    }

    @Test
    void moreThanFourNcnnDimsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4, 5);
        t.op("Reshape", List.of(x, t.longs("shape", 1, 2, 3, 4, 5, 1)), s(1, 2, 3, 4, 5, 1));
        assertEquals("'reshape_out0' [1,2,3,4,5,1] has 5 dims after dropping batch; ncnn holds at most 4",
                t.refusal());
    }
}

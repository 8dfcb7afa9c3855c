package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlattenEmitterTest {
    @Test
    void flattenAfterBatchIsNcnnFlatten() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Flatten", List.of(x), s(1, 192)).set("axis", 1);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Flatten                  flatten_0                1 1 in0 out0
                """, t.param());
    }

    @Test
    void flattenOfAOneDimensionalBlobIsNothing() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 12);
        Value f = t.inner("Flatten", List.of(x), s(1, 12)).set("axis", 1).output(0);
        t.op("Exp", List.of(f), s(1, 12));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=12
                UnaryOp                  unaryop_0                1 1 in0 out0 0=7
                """, t.param());
    }

    @Test
    void flattenIntoTheBatchAxisKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Flatten", List.of(x), s(24, 8)).set("axis", 3);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Reshape                  reshape_0                1 1 in0 out0 0=8 1=24
                """, t.param());
    }
}

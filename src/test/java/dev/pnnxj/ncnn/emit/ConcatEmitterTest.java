package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatEmitterTest {
    @Test
    void channelConcatIsNcnnAxisZero() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        Value y = t.input("y", 1, 2, 6, 8);
        t.op("Concat", List.of(x, y), s(1, 6, 6, 8)).set("axis", 1);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Input                    input_1                  0 1 in1 0=8 1=6 2=2
                Concat                   concat_0                 2 1 in0 in1 out0 0=0
                """, t.param());
    }

    @Test
    void negativeAxisCountsFromTheEnd() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        Value y = t.input("y", 1, 2, 5);
        t.op("Concat", List.of(x, y), s(1, 2, 8)).set("axis", -1);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                Input                    input_1                  0 1 in1 0=5 1=2
                Concat                   concat_0                 2 1 in0 in1 out0 0=1
                """, t.param());
    }

    @Test
    void constantInputDropsItsBatchAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        Value c = t.floats("c", Shape.of(1, 1, 3), 1, 2, 3);
        t.op("Concat", List.of(x, c), s(1, 3, 3)).set("axis", 1);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                MemoryData               memorydata_0             0 1 0 0=3 1=1
                Concat                   concat_0                 2 1 in0 0 out0 0=0
                """, t.param());
    }

    @Test
    void concatOverTheBatchAxisKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        Value y = t.input("y", 1, 2, 3);
        t.op("Concat", List.of(x, y), s(2, 2, 3)).set("axis", 0);
        assertEquals("""
                7767517
                5 5
                Input                    input_0                  0 1 in0 0=3 1=2
                Input                    input_1                  0 1 in1 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                Reshape                  reshape_1                1 1 in1 1 0=3 1=2 2=1
                Concat                   concat_0                 2 1 0 1 out0 0=0
                """, t.param());
    }
}

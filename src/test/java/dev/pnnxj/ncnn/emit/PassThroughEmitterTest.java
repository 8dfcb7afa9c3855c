package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughEmitterTest {
    @Test
    void identityOutputIsTheInputBlob() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Identity", List.of(x), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                Noop                     noop_0                   1 1 in0 out0
                """, t.param());
    }

    @Test
    void dropoutWithUnusedMaskIsNothing() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Value d = t.inner("Dropout", List.of(x), s(1, 4), s(1, 4)).output(0);
        t.op("Acos", List.of(d), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=13
                """, t.param());
    }

    @Test
    void dropoutMaskThatIsReadIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Node d = t.inner("Dropout", List.of(x), s(1, 4), s(1, 4));
        t.g.addOutput(d.output(1));
        assertEquals("output 1 ('dropout_out1') is used; ncnn has no such tensor", t.refusal());
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnaryOpEmitterTest {
    @Test
    void sqrtGolden() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 4);
        t.op("Sqrt", List.of(x), s(1, 3, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4 1=3
                UnaryOp                  unaryop_0                1 1 in0 out0 0=5
                """, t.param());
    }

    @Test
    void opTypeCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("Abs", 0);
        codes.put("Neg", 1);
        codes.put("Floor", 2);
        codes.put("Ceil", 3);
        codes.put("Sqrt", 5);
        codes.put("Exp", 7);
        codes.put("Log", 8);
        codes.put("Sin", 9);
        codes.put("Cos", 10);
        codes.put("Tan", 11);
        codes.put("Asin", 12);
        codes.put("Acos", 13);
        codes.put("Atan", 14);
        codes.put("Reciprocal", 15);
        codes.put("Round", 18);
        codes.put("Sign", 20);
        codes.put("Expm1", 21);
        codes.put("Sinh", 22);
        codes.put("Asinh", 23);
        codes.put("Cosh", 24);
        codes.put("Acosh", 25);
        codes.put("Atanh", 26);
        codes.put("Log1p", 27);
        codes.forEach((op, code) -> {
            TinyGraph t = new TinyGraph();
            t.op(op, List.of(t.input("x", 1, 4)), s(1, 4));
            NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
            assertEquals("UnaryOp", l.type(), op);
            assertEquals("0=" + code, l.params.toParamString(), op);
        });
    }

    @Test
    void opsUnaryOpLacksAreRefused() {
        TinyGraph t = new TinyGraph();
        t.op("IsInf", List.of(t.input("x", 1, 4)), s(1, 4));
        assertEquals("no ncnn layer implements IsInf", t.refusal());
    }
}

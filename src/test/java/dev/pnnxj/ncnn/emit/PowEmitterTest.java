package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ncnn's BinaryOp pow is exp(y log x), so constant exponents must be lowered without it. */
class PowEmitterTest {
    private static String pow(float exponent) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Pow", List.of(x, t.floats("e", Shape.SCALAR, exponent)), s(1, 4));
        return t.param();
    }

    @Test
    void squareIsUnaryOpSquare() {
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=4
                """, pow(2));
    }

    @Test
    void cubeIsSquareTimesX() {
        assertEquals("""
                7767517
                4 5
                Input                    input_0                  0 1 in0 0=4
                Split                    splitncnn_0              1 2 in0 in0_splitncnn_0 in0_splitncnn_1
                UnaryOp                  unaryop_0                1 1 in0_splitncnn_0 0 0=4
                BinaryOp                 binaryop_0               2 1 0 in0_splitncnn_1 out0 0=2
                """, pow(3));
    }

    @Test
    void rootsAndReciprocalUseUnaryOps() {
        assertEquals("UnaryOp                  unaryop_0                1 1 in0 out0 0=5", pow(0.5f).split("\n")[3]);
        assertEquals("UnaryOp                  unaryop_0                1 1 in0 out0 0=6", pow(-0.5f).split("\n")[3]);
        assertEquals("UnaryOp                  unaryop_0                1 1 in0 out0 0=15", pow(-1).split("\n")[3]);
    }

    @Test
    void fractionalExponentKeepsBinaryOpPow() {
        assertEquals("BinaryOp                 binaryop_0               1 1 in0 out0 0=6 1=1 2=3.0e-01",
                pow(0.3f).split("\n")[3]);
    }

    @Test
    void otherIntegerExponentsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Pow", List.of(x, t.floats("e", Shape.SCALAR, 5)), s(1, 4));
        assertEquals("integer exponent 5: ncnn's pow is exp(y * log x), wrong for negative x; "
                + "rewrite the model with multiplications", t.refusal());
    }

    @Test
    void dataExponentOfAPositiveByConstructionBaseIsBinaryOpPow() {
        TinyGraph t = new TinyGraph();
        Value abs = t.inner("Abs", List.of(t.input("x", 1, 4)), s(1, 4)).output(0);
        Value base = t.inner("Add", List.of(abs, t.floats("eps", Shape.SCALAR, 0.5f)), s(1, 4)).output(0);
        t.op("Pow", List.of(base, t.input("y", 1, 4)), s(1, 4));
        assertEquals("BinaryOp                 binaryop_1               2 1 1 in1 out0 0=6", t.param().split("\n")[6]);
        assertArrayEquals(new float[] {1.5f, 1, 0.25f, 1}, t.run(Mat.vector(-1, 0, 1.5f, 2), Mat.vector(1, 0, -2, 0)).data());
    }

    @Test
    void dataExponentOfAnyOtherBaseIsRefused() {
        TinyGraph t = new TinyGraph();
        t.op("Pow", List.of(t.input("x", 1, 4), t.input("y", 1, 4)), s(1, 4));
        assertEquals("a data-dependent exponent needs ncnn's exp(y * log x) pow, which is wrong for negative bases;"
                + " only constant exponents or bases known to be positive are converted", t.refusal());
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Comparisons become 0/1 blobs through ncnn Threshold; Not / And / Or and bool casts work on those;
 * a Where RewriteWhere could not turn into arithmetic is refused; Mod is fmod.
 */
class ComparisonAndLogicEmitterTest {
    private static final Mat X = Mat.vector(-1, 0.5f, 2, 3);
    private static final Mat Y = Mat.vector(0, 0.5f, 3, -3);

    /** op(x, y) of two [1,4] inputs, as a bool output. */
    private static TinyGraph compare(String op) {
        TinyGraph t = new TinyGraph();
        t.op(op, List.of(t.input("x", 1, 4), t.input("y", 1, 4)), s(1, 4)).output(0).setDtype(DType.BOOL);
        return t;
    }

    @Test
    void greaterThanAConstantIsOneThreshold() {
        TinyGraph t = new TinyGraph();
        t.op("Greater", List.of(t.input("x", 1, 4), t.floats("t", Shape.SCALAR, 0.5f)), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                Threshold                threshold_0              1 1 in0 out0 0=5.0e-01
                """, t.param());
        assertArrayEquals(new float[] {0, 0, 1, 1}, t.run(X).data());
    }

    @Test
    void lessOfTwoTensorsThresholdsTheirDifference() {
        TinyGraph t = compare("Less");
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4
                Input                    input_1                  0 1 in1 0=4
                BinaryOp                 binaryop_0               2 1 in1 in0 0 0=1
                Threshold                threshold_0              1 1 0 out0 0=0.0e+00
                """, t.param());
        assertArrayEquals(new float[] {1, 0, 1, 0}, t.run(X, Y).data());
    }

    @Test
    void nonStrictComparisonsAndEqualityNegateTheStrictOnes() {
        assertArrayEquals(new float[] {0, 1, 0, 1}, compare("GreaterOrEqual").run(X, Y).data());
        assertArrayEquals(new float[] {1, 1, 1, 0}, compare("LessOrEqual").run(X, Y).data());
        assertArrayEquals(new float[] {0, 1, 0, 0}, compare("Equal").run(X, Y).data());
    }

    @Test
    void notAndOrOfZeroOneBlobs() {
        for (String op : List.of("And", "Or")) {
            TinyGraph t = new TinyGraph();
            Value a = t.inner("Greater", List.of(t.input("x", 1, 4), t.floats("t", Shape.SCALAR, 0)), s(1, 4)).output(0);
            Value b = t.inner("Not", List.of(t.inner("Less", List.of(t.input("y", 1, 4), t.floats("u", Shape.SCALAR, 1)),
                    s(1, 4)).output(0)), s(1, 4)).output(0);
            t.op(op, List.of(a, b), s(1, 4));
            float[] expected = op.equals("And") ? new float[] {0, 0, 1, 0} : new float[] {0, 1, 1, 1};
            assertArrayEquals(expected, t.run(X, Y).data(), op);
        }
    }

    @Test
    void castOfABoolIsTheSameBlob() {
        TinyGraph t = new TinyGraph();
        Node gt = t.inner("Greater", List.of(t.input("x", 1, 4), t.floats("t", Shape.SCALAR, 0)), s(1, 4));
        gt.output(0).setDtype(DType.BOOL);
        t.op("Cast", List.of(gt.output(0)), s(1, 4)).set("to", 1L);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                Threshold                threshold_0              1 1 in0 out0 0=0.0e+00
                """, t.param());
    }

    @Test
    void castOfFloatDataIsRefused() {
        TinyGraph t = new TinyGraph();
        t.op("Cast", List.of(t.input("x", 1, 4)), s(1, 4)).output(0).setDtype(DType.INT64);
        assertEquals("Cast of data from FLOAT32 to INT64: ncnn blobs are float32, only a cast of a bool (a 0/1 blob)"
                + " to a number type is converted", t.refusal());
    }

    @Test
    void shrinkIsNcnnShrink() {
        TinyGraph t = new TinyGraph();
        t.op("Shrink", List.of(t.input("x", 1, 4)), s(1, 4)).set("lambd", 0.75f).set("bias", 0.25f);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                Shrink                   shrink_0                 1 1 in0 out0 0=2.5e-01 1=7.5e-01
                """, t.param());
        assertArrayEquals(new float[] {-0.75f, 0, 1.75f, 2.75f}, t.run(X).data());
    }

    @Test
    void whereLeftByRewriteWhereIsRefused() {
        TinyGraph t = new TinyGraph();
        Node gt = t.inner("Greater", List.of(t.input("x", 1, 4), t.floats("t", Shape.SCALAR, 0)), s(1, 4));
        gt.output(0).setDtype(DType.BOOL);
        t.op("Where", List.of(gt.output(0), t.floats("ninf", Shape.SCALAR, Float.NEGATIVE_INFINITY), t.input("y", 1, 4)),
                s(1, 4));
        assertEquals("ncnn has no select layer, and a Where with a data condition is lowered as x * c + z * (1 - c) only"
                + " for float32 results with finite constant branches (inf * 0 would give NaN)", t.refusal());
    }

    @Test
    void fmodIsBinaryOpFmodAndIntegerModIsRefused() {
        TinyGraph t = new TinyGraph();
        t.op("Mod", List.of(t.input("x", 1, 4), t.floats("d", Shape.SCALAR, 0.75f)), s(1, 4)).set("fmod", 1L);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                BinaryOp                 binaryop_0               1 1 in0 out0 0=12 1=1 2=7.5e-01
                """, t.param());
        assertArrayEquals(new float[] {-0.25f, 0.5f, 0.5f, 0}, t.run(X).data());
        TinyGraph i = new TinyGraph();
        i.op("Mod", List.of(i.input("x", 1, 4), i.input("y", 1, 4)), s(1, 4));
        assertEquals("Mod with fmod=0 (integer modulo, the divisor's sign): ncnn blobs are float and its remainder op"
                + " rounds to nearest; only fmod=1 converts", i.refusal());
    }
}

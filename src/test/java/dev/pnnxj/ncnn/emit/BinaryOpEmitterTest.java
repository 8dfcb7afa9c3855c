package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.ncnn.NcnnModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryOpEmitterTest {
    @Test
    void twoActivationsOfOneShape() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        Value y = t.input("y", 1, 4, 6, 8);
        t.op("Add", List.of(x, y), s(1, 4, 6, 8));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Input                    input_1                  0 1 in1 0=8 1=6 2=4
                BinaryOp                 binaryop_0               2 1 in0 in1 out0 0=0
                """, t.param());
    }

    @Test
    void oneElementConstantOnTheRightIsTheScalar() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Sub", List.of(x, t.floats("two", Shape.SCALAR, 2f)), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                BinaryOp                 binaryop_0               1 1 in0 out0 0=1 1=1 2=2.0e+00
                """, t.param());
    }

    @Test
    void scalarOnTheLeftUsesTheReversedOp() {
        assertEquals("0=7 1=1 2=2.0e+00", scalarLeft("Sub"));
        assertEquals("0=8 1=1 2=2.0e+00", scalarLeft("Div"));
        assertEquals("0=9 1=1 2=2.0e+00", scalarLeft("Pow"));
        assertEquals("0=0 1=1 2=2.0e+00", scalarLeft("Add"));
        assertEquals("0=2 1=1 2=2.0e+00", scalarLeft("Mul"));
        assertEquals("0=4 1=1 2=2.0e+00", scalarLeft("Max"));
        assertEquals("0=5 1=1 2=2.0e+00", scalarLeft("Min"));
    }

    @Test
    void scalarLeftGolden() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 5);
        t.op("Div", List.of(t.floats("one", Shape.of(1, 1, 1), 1f), x), s(1, 3, 5));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=3
                BinaryOp                 binaryop_0               1 1 in0 out0 0=8 1=1 2=1.0e+00
                """, t.param());
    }

    @Test
    void perChannelConstantBecomesChannelMemoryData() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Mul", List.of(x, t.floats("scale", Shape.of(4, 1, 1), 1, 2, 3, 4)), s(1, 4, 6, 8));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                MemoryData               memorydata_0             0 1 0 0=1 1=1 2=4
                BinaryOp                 binaryop_0               2 1 in0 0 out0 0=2
                """, t.param());
    }

    @Test
    void constantWithBatchAxisIsReViewedWithoutIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Add", List.of(x, t.floats("bias", Shape.of(1, 4, 1, 1), 1, 2, 3, 4)), s(1, 4, 6, 8));
        NcnnModel m = LowerToNcnn.lower(t.g);
        NcnnLayer md = m.layers.get(1);
        assertEquals("MemoryData", md.type());
        assertEquals("0=1 1=1 2=4", md.params.toParamString());
        assertEquals(Shape.of(4, 1, 1), md.weights.get(0).data().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, md.weights.get(0).data().toFloats());
    }

    @Test
    void rowConstantStaysAlongWidthEvenWhenItMatchesTheChannels() {
        // a 1-D ncnn blob of length C would be applied per channel, so the row is written 3-D
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 8, 6, 8);
        t.op("Add", List.of(x, t.floats("row", Shape.of(8), 0, 1, 2, 3, 4, 5, 6, 7)), s(1, 8, 6, 8));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=8 1=6 2=8
                MemoryData               memorydata_0             0 1 0 0=8 1=1 2=1
                BinaryOp                 binaryop_0               2 1 in0 0 out0 0=0
                """, t.param());
    }

    @Test
    void planeConstantGetsALeadingUnitChannel() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 2, 3);
        t.op("Sub", List.of(t.floats("plane", Shape.of(2, 3), 1, 2, 3, 4, 5, 6), x), s(1, 4, 2, 3));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2 2=4
                MemoryData               memorydata_0             0 1 0 0=3 1=2 2=1
                BinaryOp                 binaryop_0               2 1 0 in0 out0 0=1
                """, t.param());
    }

    @Test
    void lowerRankActivationIsReshapedWithLeadingUnitAxes() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        Value y = t.input("y", 1, 8);
        t.op("Add", List.of(x, y), s(1, 4, 6, 8));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Input                    input_1                  0 1 in1 0=8
                Reshape                  reshape_0                1 1 in1 0 0=8 1=1 2=1
                BinaryOp                 binaryop_0               2 1 in0 0 out0 0=0
                """, t.param());
    }

    @Test
    void scalarThatRaisesTheRankIsBroadcastAsATensor() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Add", List.of(x, t.floats("one", Shape.of(1, 1, 1), 1f)), s(1, 1, 4));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4
                Reshape                  reshape_0                1 1 in0 0 0=4 1=1
                MemoryData               memorydata_0             0 1 1 0=1 1=1
                BinaryOp                 binaryop_0               2 1 0 1 out0 0=0
                """, t.param());
    }

    @Test
    void maxOfOneTensorIsThatTensor() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Value m = t.inner("Max", List.of(x), s(1, 4)).output(0);
        t.op("Abs", List.of(m), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=0
                """, t.param());
    }

    @Test
    void threeOperandsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op("Max", List.of(x, x, x), s(1, 4));
        assertEquals("ncnn BinaryOp takes two operands, got 3", t.refusal());
    }

    @Test
    void broadcastIntoTheBatchAxisKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("Mul", List.of(x, t.floats("c", Shape.of(2, 1, 1), 1, 2)), s(2, 2, 3));
        // x [1,2,3] is re-viewed with its 1 kept so that it meets c [2,1,1] axis by axis
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                MemoryData               memorydata_0             0 1 1 0=1 1=1 2=2
                BinaryOp                 binaryop_0               2 1 0 1 out0 0=2
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertEquals("[c=2 h=2 w=3]", y.shapeString());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12}, y.data());
    }

    private static String scalarLeft(String op) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        t.op(op, List.of(t.floats("two", Shape.SCALAR, 2f), x), s(1, 4));
        NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
        assertEquals(List.of("in0"), l.bottoms);
        return l.params.toParamString();
    }
}

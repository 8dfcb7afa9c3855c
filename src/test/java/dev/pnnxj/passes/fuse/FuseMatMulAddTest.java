package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseMatMulAddTest {
    private static Graph linear(int[] aShape, Tensor bias, boolean biasFirst) {
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(aShape));
        Node mm = g.addNode("MatMul", "fc", List.of(a, g.constant("W", Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5,
                6))), List.of("y"));
        int[] out = aShape.clone();
        out[out.length - 1] = 3;
        mm.output(0).setShape(Shape.of(out));
        mm.output(0).setDtype(DType.FLOAT32);
        Value c = g.constant("c", bias);
        Node add = g.addNode("Add", "add", biasFirst ? List.of(c, mm.output(0)) : List.of(mm.output(0), c),
                List.of("z"));
        add.output(0).setShape(Shape.of(out));
        add.output(0).setDtype(DType.FLOAT32);
        g.addOutput(add.output(0));
        return g;
    }

    @Test
    void biasBecomesTheThirdMatMulInput() {
        Graph g = linear(new int[] {1, 4, 2}, Tensor.ofFloats(Shape.of(1, 3), 7, 8, 9), false);
        Value z = g.value("z");
        assertTrue(new FuseMatMulAdd().run(g));
        assertEquals(1, g.nodes().size());
        Node mm = g.nodes().get(0);
        assertEquals("MatMul", mm.op());
        assertEquals("fc", mm.name());
        assertSame(z, mm.output(0));
        assertEquals("W", mm.input(1).name());
        assertEquals(Shape.of(3), mm.input(2).constant().shape());
        assertArrayEquals(new float[] {7, 8, 9}, mm.input(2).constant().toFloats());
    }

    @Test
    void scalarBiasOnTheLeftIsSpreadOverTheOutputs() {
        Graph g = linear(new int[] {1, 2}, Tensor.ofFloats(Shape.SCALAR, 0.5f), true);
        assertTrue(new FuseMatMulAdd().run(g));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, g.nodes().get(0).input(2).constant().toFloats());
    }

    @Test
    void biasVaryingAlongRowsOrSixDimensionalDataIsLeftAlone() {
        Graph rows = linear(new int[] {1, 4, 2}, Tensor.ofFloats(Shape.of(4, 1), 1, 2, 3, 4), false);
        assertFalse(new FuseMatMulAdd().run(rows));
        Graph sixD = linear(new int[] {1, 2, 2, 2, 4, 2}, Tensor.ofFloats(Shape.of(3), 1, 2, 3), false);
        assertFalse(new FuseMatMulAdd().run(sixD));
        assertEquals(2, sixD.nodes().size());
    }

    @Test
    void channelsLastPixelsAreFused() {
        Graph fourD = linear(new int[] {1, 2, 4, 2}, Tensor.ofFloats(Shape.of(3), 1, 2, 3), false);
        assertTrue(new FuseMatMulAdd().run(fourD));
        assertEquals(1, fourD.nodes().size());
    }

    @Test
    void fusedLinearLowersToOneGemmWithBias() {
        Graph g = linear(new int[] {1, 4, 2}, Tensor.ofFloats(Shape.of(3), 7, 8, 9), false);
        new FuseMatMulAdd().run(g);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=4
                Gemm                     gemm_0                   1 1 in0 out0 2=0 3=1 4=0 5=1 6=1 7=4 8=3 9=2 10=4
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }
}

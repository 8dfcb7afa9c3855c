package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TestGraphs.input;
import static dev.pnnxj.ncnn.emit.TestGraphs.lower;
import static dev.pnnxj.ncnn.emit.TestGraphs.node;
import static dev.pnnxj.ncnn.emit.TestGraphs.param;
import static dev.pnnxj.ncnn.emit.TestGraphs.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import org.junit.jupiter.api.Test;

class InnerProductEmitterTest {
    @Test
    void gemmWithTransposedConstantBUsesItAsWeight() {
        Graph g = new Graph();
        Value x = input(g, 1, 4);
        Tensor b = ramp(3, 4);
        Tensor c = ramp(3);
        Node gemm = node(g, "Gemm", Shape.of(1, 3), x, g.constant("B", b), g.constant("C", c));
        gemm.set("transB", 1);
        NcnnModel m = lower(g, gemm);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                InnerProduct             innerproduct_0           1 1 in0 out0 0=3 1=1 2=12
                """, param(m));
        NcnnLayer l = m.layers.get(1);
        assertSame(b, l.weights.get(0).data());
        assertTrue(l.weights.get(0).flagged());
        assertArrayEquals(new float[] {0, 1, 2}, l.weights.get(1).data().toFloats());
        assertFalse(l.weights.get(1).flagged());
    }

    @Test
    void gemmFoldsAlphaBetaAndTransposesB() {
        Graph g = new Graph();
        Value x = input(g, 1, 2);
        // B [K=2, N=3] = [[0,1,2],[3,4,5]] -> weight [N, K] * alpha 2
        Node gemm = node(g, "Gemm", Shape.of(1, 3), x, g.constant("B", ramp(2, 3)),
                g.constant("C", Tensor.ofFloats(Shape.of(1), 4f)));
        gemm.set("alpha", 2f).set("beta", 0.5f);
        NcnnModel m = lower(g, gemm);
        NcnnLayer l = m.layers.get(1);
        assertEquals("InnerProduct             innerproduct_0           1 1 in0 out0 0=3 1=1 2=6",
                param(m).lines().toList().get(3));
        assertArrayEquals(new float[] {0, 6, 2, 8, 4, 10}, l.weights.get(0).data().toFloats());
        assertEquals(Shape.of(3, 2), l.weights.get(0).data().shape());
        assertArrayEquals(new float[] {2, 2, 2}, l.weights.get(1).data().toFloats());
    }

    @Test
    void gemmWithDataDependentBIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 2);
        Value b = g.addInput("B", DType.FLOAT32, Shape.of(2, 3));
        Node gemm = node(g, "Gemm", Shape.of(1, 3), x, b);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, gemm));
        assertTrue(e.problems().stream().anyMatch(p -> p.op().equals("Gemm")
                && p.reason().startsWith("Gemm with a data-dependent B")), e.getMessage());
    }

    @Test
    void gemmTransposingDataIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 2);
        Node gemm = node(g, "Gemm", Shape.of(2, 3), x, g.constant("B", ramp(1, 3)));
        gemm.set("transA", 1);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, gemm));
        assertEquals("transA=1 on data: ncnn holds A as a [K] row of batch 1", e.problems().get(0).reason());
    }

    @Test
    void matMulOfFewRowsAndConstantMatrixIsGemmWithConstantBAndC() {
        // [1,5,2] is a 2-D [5,2] ncnn blob: Gemm holds B as the [N,K] rows (transB) and the bias as C
        Graph g = new Graph();
        Value x = input(g, 1, 5, 2);
        Node mm = node(g, "MatMul", Shape.of(1, 5, 3), x, g.constant("B", ramp(1, 2, 3)), g.constant("bias", ramp(3)));
        NcnnModel m = lower(g, mm);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=5
                Gemm                     gemm_0                   1 1 in0 out0 2=0 3=1 4=0 5=1 6=1 7=5 8=3 9=2 10=4
                """, param(m));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, m.layers.get(1).weights.get(0).data().toFloats());
        assertArrayEquals(new float[] {0, 1, 2}, m.layers.get(1).weights.get(1).data().toFloats());
        assertTrue(m.layers.get(1).weights.get(1).flagged() && m.layers.get(1).weights.get(1).fp32(),
                "ncnn loads C with type 0; it stays fp32");
    }

    @Test
    void matMulOfManyRowsIsInnerProductOverRows() {
        Graph g = new Graph();
        int rows = InnerProductEmitter.GEMM_MAX_ROWS;
        Value x = input(g, 1, rows, 2);
        Node mm = node(g, "MatMul", Shape.of(1, rows, 3), x, g.constant("B", ramp(1, 2, 3)), g.constant("bias", ramp(3)));
        NcnnModel m = lower(g, mm);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=512
                InnerProduct             innerproduct_0           1 1 in0 out0 0=3 1=1 2=6
                """, param(m));
    }

    @Test
    void matMulOfChannelsLastPixelsRunsOnTheirRows() {
        // [1,2,5,4] is a 3-D ncnn blob: viewed as 10 rows of 4, multiplied, viewed back
        Graph g = new Graph();
        Value x = input(g, 1, 2, 5, 4);
        Node mm = node(g, "MatMul", Shape.of(1, 2, 5, 3), x, g.constant("B", ramp(1, 4, 3)));
        NcnnModel m = lower(g, mm);
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4 1=5 2=2
                Reshape                  reshape_0                1 1 in0 0 0=4 1=10
                Gemm                     gemm_0                   1 1 0 1 2=0 3=1 4=0 5=1 6=1 7=10 8=3 9=4 10=-1
                Reshape                  reshape_1                1 1 1 out0 0=3 1=5 2=2
                """, param(m));
        assertEquals(Shape.of(3, 4), m.layers.get(2).weights.get(0).data().shape());
    }

    @Test
    void matMulOfABatchOfMatricesUsesNcnnMatMulWithMemoryData() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 5, 4);
        Node mm = node(g, "MatMul", Shape.of(1, 2, 5, 3), x, g.constant("B", ramp(2, 4, 3)));
        NcnnModel m = lower(g, mm);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=4 1=5 2=2
                MemoryData               memorydata_0             0 1 0 0=3 1=4 2=2
                MatMul                   matmul_0                 2 1 in0 0 out0
                """, param(m));
        assertEquals(Shape.of(2, 4, 3), m.layers.get(1).weights.get(0).data().shape());
    }

    @Test
    void matMulBiasOutsideTheDenseFormIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 5, 4);
        Node mm = node(g, "MatMul", Shape.of(1, 2, 5, 3), x, g.constant("B", ramp(2, 4, 3)), g.constant("bias", ramp(3)));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, mm));
        assertEquals("a MatMul bias is only lowered with the dense form (data A of rank 2 to 5, constant B [K,N])",
                e.problems().get(0).reason());
    }

    @Test
    void matMulOfTwoActivations() {
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(1, 2, 5, 4));
        Value b = g.addInput("b", DType.FLOAT32, Shape.of(1, 2, 4, 3));
        Node mm = node(g, "MatMul", Shape.of(1, 2, 5, 3), a, b);
        assertEquals("MatMul                   matmul_0                 2 1 in0 in1 out0",
                param(lower(g, mm)).lines().toList().get(4));
    }

    @Test
    void matMulWhoseNcnnRankDiffersIsReported() {
        // [1,4] @ [1,4,3] is [1,1,3] in the IR but ncnn's 1-D x 2-D product is 1-D
        Graph g = new Graph();
        Value a = g.addInput("a", DType.FLOAT32, Shape.of(1, 4));
        Value b = g.addInput("b", DType.FLOAT32, Shape.of(1, 4, 3));
        Node mm = node(g, "MatMul", Shape.of(1, 1, 3), a, b);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, mm));
        assertEquals("ncnn MatMul of ranks 1 and 2 (batch dropped) gives rank 1, the IR output [1,1,3] needs 2",
                e.problems().get(0).reason());
    }
}

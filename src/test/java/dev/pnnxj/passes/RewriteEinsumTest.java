package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteEinsumTest {
    private static Node node(Graph g, String equation, Value a, Value b) {
        Node n = g.addNode("Einsum", "e", List.of(a, b), List.of("y"));
        n.set("equation", equation);
        g.addOutput(n.output(0));
        return n;
    }

    private static Tensor ramp(int... dims) {
        float[] v = new float[(int) Shape.of(dims).numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 - 3;
        }
        return Tensor.ofFloats(Shape.of(dims), v);
    }

    /** Folds the rewritten graph of constant operands and compares it with the sums written out. */
    @Test
    void attentionScoresAreMatMulOfTheTransposedKeys() {
        Graph g = new Graph();
        Tensor q = ramp(1, 2, 3, 4);
        Tensor k = ramp(1, 2, 5, 4);
        node(g, "bhid,bhjd->bhij", g.constant("q", q), g.constant("k", k));
        assertTrue(new RewriteEinsum().run(g));
        new FoldConstants().run(g);
        Tensor y = g.outputs().get(0).constant();
        assertEquals(Shape.of(1, 2, 3, 5), y.shape());
        float[] qv = q.toFloats();
        float[] kv = k.toFloats();
        float[] expected = new float[30];
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    for (int d = 0; d < 4; d++) {
                        expected[(h * 3 + i) * 5 + j] += qv[(h * 3 + i) * 4 + d] * kv[(h * 5 + j) * 4 + d];
                    }
                }
            }
        }
        assertArrayEquals(expected, y.toFloats());
    }

    @Test
    void outerProductOfVectors() {
        Graph g = new Graph();
        node(g, "i,j->ij", g.constant("a", Tensor.ofFloats(Shape.of(2), 1, 2)),
                g.constant("b", Tensor.ofFloats(Shape.of(3), 1, 10, 100)));
        assertTrue(new RewriteEinsum().run(g));
        new FoldConstants().run(g);
        assertArrayEquals(new float[] {1, 10, 100, 2, 20, 200}, g.outputs().get(0).constant().toFloats());
    }

    @Test
    void lowersToPermuteAndMatMul() {
        Graph g = new Graph();
        Value q = g.addInput("q", DType.FLOAT32, Shape.of(1, 2, 3, 4));
        Value k = g.addInput("k", DType.FLOAT32, Shape.of(1, 2, 5, 4));
        node(g, "bhid,bhjd->bhij", q, k);
        new PassPipeline().repeat(4, new FoldConstants(), new RewriteEinsum(), new RemoveIdentity(),
                new MergeConsecutive(), new EliminateDeadNodes()).run(g);
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4 1=3 2=2
                Input                    input_1                  0 1 in1 0=4 1=5 2=2
                Permute                  permute_0                1 1 in1 0 0=1
                MatMul                   matmul_0                 2 1 in0 0 out0
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }

    @Test
    void formsWithoutOneMatMulAreLeftAlone() {
        for (String equation : List.of("ij,jk", "ij,jk->k", "ii,ij->ij", "...ij,...jk->...ik")) {
            Graph g = new Graph();
            node(g, equation, g.addInput("a", DType.FLOAT32, Shape.of(3, 3)), g.addInput("b", DType.FLOAT32, Shape.of(3, 3)));
            assertFalse(new RewriteEinsum().run(g), equation);
        }
        Graph trace = new Graph();
        Node n = trace.addNode("Einsum", "e", List.of(trace.addInput("a", DType.FLOAT32, Shape.of(1, 3, 3))),
                List.of("y"));
        n.set("equation", "bii->b");
        n.output(0).setShape(Shape.of(1));
        n.output(0).setDtype(DType.FLOAT32);
        trace.addOutput(n.output(0));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(trace));
        assertTrue(e.problems().get(0).reason().startsWith("einsum 'bii->b' of 1 operand(s): pnnx-j lowers two"),
                e.problems().get(0).reason());
    }
}

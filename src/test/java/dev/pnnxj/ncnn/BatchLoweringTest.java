package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the three batch outcomes of {@code BatchAxis} come out of lowering. */
class BatchLoweringTest {
    /** x[N,4,8,8] → Conv 1x1 → + k, with k a constant of one row per sample, all rows equal. */
    private static Graph convPlusConstant(int n) {
        return convPlusConstant(n, false);
    }

    /** The same, its last sample's row of k differing when {@code differ}. */
    private static Graph convPlusConstant(int n, boolean differ) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(n, 4, 8, 8));
        Value w = g.constant("w", Tensor.ofFloats(Shape.of(2, 4, 1, 1), new float[8]));
        Node conv = g.addNode("Conv", "conv", List.of(x, w), List.of("c"));
        conv.output(0).setShape(Shape.of(n, 2, 8, 8));
        float[] rows = new float[n * 2];
        Arrays.fill(rows, 0.5f);
        if (differ) {
            rows[rows.length - 1] = 2f;
        }
        Value k = g.constant("k", Tensor.ofFloats(Shape.of(n, 2, 1, 1), rows));
        Node add = g.addNode("Add", "add", List.of(conv.output(0), k), List.of("y"));
        add.output(0).setShape(Shape.of(n, 2, 8, 8));
        g.addOutput(add.output(0));
        return g;
    }

    private static String param(NcnnModel m) throws IOException {
        StringWriter w = new StringWriter();
        ParamWriter.write(m, w);
        return w.toString();
    }

    @Test
    void aBatchedGraphLowersToTheLayersOfBatchOneAndRecordsMatN() throws IOException {
        NcnnModel three = LowerToNcnn.lower(convPlusConstant(3));
        assertEquals(param(LowerToNcnn.lower(convPlusConstant(1))), param(three));
        assertEquals(Map.of("in0", 3, "out0", 3), three.batches);
        assertEquals(List.of(4, 8, 8), Arrays.stream(three.blobShapes.get("in0")).boxed().toList());
    }

    @Test
    void aConstantThatDiffersPerSampleIsRefusedByName() {
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class,
                () -> LowerToNcnn.lower(convPlusConstant(2, true)));
        assertEquals("add", e.problems().get(0).node());
        assertTrue(e.problems().get(0).reason().contains("'k'"), e.problems().get(0).reason());
    }

    @Test
    void aTensorWithoutBatchDefiningOpsIsOneBlobOfAllItsDims() throws IOException {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4, 3));
        Node relu = g.addNode("Relu", "relu", List.of(x), List.of("y"));
        relu.output(0).setShape(Shape.of(4, 3));
        g.addOutput(relu.output(0));
        NcnnModel m = LowerToNcnn.lower(g);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=4
                ReLU                     relu_0                   1 1 in0 out0
                """, param(m));
        assertEquals(Map.of(), m.batches);
    }
}

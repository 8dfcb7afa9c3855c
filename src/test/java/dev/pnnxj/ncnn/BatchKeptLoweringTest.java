package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchKeptLoweringTest {
    @Test
    void batchAboveOneOnAModelThatDoesNotMixItIsRefusedWithAMessage() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(4, 3));
        Node relu = g.addNode("Relu", "relu", List.of(x), List.of("y"));
        relu.output(0).setShape(Shape.of(4, 3));
        g.addOutput(relu.output(0));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(g));
        assertEquals("'x' has batch 4 [4,3] but nothing in the model mixes its samples, and ncnn runs one sample at"
                + " a time: convert with inputshape=[1,...] and run each sample alone", e.problems().get(0).reason());
    }
}

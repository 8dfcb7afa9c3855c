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

/**
 * A value shape inference left without a shape (its producer is an op with no shape rule) is
 * refused by name at every node that reads it, never met inside an emitter (RAFT's GridSample
 * outputs once reached ConcatEmitter and failed there with a NullPointerException).
 */
class MissingShapeLoweringTest {
    @Test
    void consumerOfAShapelessValueNamesItsOrigin() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 2, 3));
        Node mystery = g.addNode("MysteryOp", "mystery", List.of(x), List.of("m"));
        Node concat = g.addNode("Concat", "concat", List.of(mystery.output(0), x), List.of("y"));
        concat.set("axis", 1);
        concat.output(0).setShape(Shape.of(1, 4, 3));
        g.addOutput(concat.output(0));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(g));
        List<UnsupportedNodesException.Problem> p = e.problems();
        assertEquals(2, p.size(), p.toString());
        assertEquals(UnsupportedNodesException.Kind.UNKNOWN_OP, p.get(0).kind());
        assertEquals("mystery", p.get(0).node());
        assertEquals("no ncnn layer implements MysteryOp; pnnx-j cannot infer the output shape of MysteryOp",
                p.get(0).reason());
        assertEquals(UnsupportedNodesException.Kind.UPSTREAM, p.get(1).kind());
        assertEquals("concat", p.get(1).node());
        assertEquals("input 'm' has no static shape because of MysteryOp 'mystery' upstream (reported above)",
                p.get(1).reason());
    }

    @Test
    void shapelessInputIsNamedEvenWithoutAnOrigin() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, null);
        Node relu = g.addNode("Relu", "relu", List.of(x), List.of("y"));
        relu.output(0).setShape(Shape.of(1, 3));
        g.addOutput(relu.output(0));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(g));
        assertEquals("input 'x' has no inferred shape", e.problems().get(e.problems().size() - 1).reason());
    }
}

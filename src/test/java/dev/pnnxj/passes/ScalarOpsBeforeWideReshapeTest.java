package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarOpsBeforeWideReshapeTest {
    private static Graph scaledView(int... view) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 16, 16));
        Value v = g.addReshape("view", x, Shape.of(view));
        Node div = g.addNode("Div", "scale", List.of(v, g.constant("c", Tensor.ofFloats(Shape.SCALAR, 2f))),
                List.of("scaled"));
        div.output(0).setShape(Shape.of(view));
        div.output(0).setDtype(DType.FLOAT32);
        g.addOutput(g.addReshape("back", div.output(0), Shape.of(16, 1, 4, 4)));
        return g;
    }

    @Test
    void scaleOfASixDimViewMovesBeforeIt() {
        Graph g = scaledView(1, 4, 4, 1, 4, 4);
        assertTrue(new ScalarOpsBeforeWideReshape().run(g));
        new MergeConsecutive().run(g);
        new EliminateDeadNodes().run(g);
        assertEquals(List.of("Div", "Reshape"), g.nodes().stream().map(Node::op).toList());
        assertEquals(Shape.of(1, 16, 16), g.nodes().get(0).output(0).shape());
    }

    @Test
    void viewsNcnnCanHoldAreLeftAlone() {
        assertFalse(new ScalarOpsBeforeWideReshape().run(scaledView(1, 4, 4, 4, 4)));
    }
}

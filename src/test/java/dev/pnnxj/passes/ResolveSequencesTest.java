package dev.pnnxj.passes;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolveSequencesTest {
    /** [] + a + b, then c inserted at position {@code cAt}, read at {@code k}. */
    private static Graph sequence(Value[] abc, long cAt, long k, boolean cAtConstant) {
        Graph g = new Graph();
        for (int i = 0; i < 3; i++) {
            abc[i] = g.addInput("x" + i, DType.FLOAT32, Shape.of(1, 2));
        }
        Value s = g.addNode("SequenceEmpty", "empty", List.of(), List.of("s0")).output(0);
        s = g.addNode("SequenceInsert", "a", List.of(s, abc[0]), List.of("s1")).output(0);
        s = g.addNode("Identity", "id", List.of(s), List.of("s2")).output(0);
        s = g.addNode("SequenceInsert", "b", List.of(s, abc[1]), List.of("s3")).output(0);
        Value pos = cAtConstant ? g.constant("pos", Tensor.ofLongs(Shape.SCALAR, cAt))
                : g.addInput("pos", DType.INT64, Shape.SCALAR);
        s = g.addNode("SequenceInsert", "c", new ArrayList<>(List.of(s, abc[2], pos)), List.of("s4")).output(0);
        Node at = g.addNode("SequenceAt", "at", List.of(s, g.constant("k", Tensor.ofLongs(Shape.SCALAR, k))), List.of("y"));
        g.addOutput(at.output(0));
        return g;
    }

    @Test
    void readingAtAConstantPositionIsTheTensorInserted() {
        Value[] abc = new Value[3];
        Graph g = sequence(abc, 1, -1, true);
        assertTrue(new ResolveSequences().run(g));
        new EliminateDeadNodes().run(g);
        assertEquals(1, g.nodes().size());
        assertSame(abc[1], g.nodes().get(0).input(0));
        Graph first = sequence(abc, 0, 0, true);
        new ResolveSequences().run(first);
        Node id = first.outputs().get(0).producer();
        assertEquals("Identity", id.op());
        assertSame(abc[2], id.input(0));
    }

    @Test
    void positionsKnownOnlyAtRunTimeAreLeft() {
        assertFalse(new ResolveSequences().run(sequence(new Value[3], 0, 0, false)));
    }
}

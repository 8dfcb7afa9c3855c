package dev.pnnxj.passes;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteSequenceSplitTest {
    /** tensor_split(x, 3, dim=1) on [1,7,5] as the exporter writes it, read at the given indices. */
    private static Graph sequence(String reader, long... indices) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 7, 5));
        Node split = g.addNode("SplitToSequence", "s", List.of(x, g.constant("sizes", Tensor.ofLongs(Shape.of(3), 3, 2, 2))),
                List.of("seq"));
        split.set("axis", 1L);
        for (long k : indices) {
            Node at = g.addNode(reader, "at", List.of(split.output(0), g.constant("k", Tensor.ofLongs(Shape.SCALAR, k))),
                    List.of("y"));
            g.addOutput(at.output(0));
        }
        return g;
    }

    @Test
    void constantSizesReadByIndexAreASplit() {
        Graph g = sequence("SequenceAt", 2, 0, -2);
        List<Value> outs = List.copyOf(g.outputs());
        assertTrue(new RewriteSequenceSplit().run(g));
        new FoldConstants().run(g);
        assertEquals(1, g.nodes().size());
        Node split = g.nodes().get(0);
        assertEquals("Split", split.op());
        assertEquals(1L, split.getInt("axis", 0));
        assertSame(outs.get(0), split.output(2));
        assertSame(outs.get(1), split.output(0));
        assertSame(outs.get(2), split.output(1));
        assertArrayEquals(new int[] {1, 3, 5}, split.output(0).shape().dims());
        assertArrayEquals(new int[] {1, 2, 5}, split.output(2).shape().dims());
    }

    @Test
    void otherReadersLeaveTheSequence() {
        assertFalse(new RewriteSequenceSplit().run(sequence("SequenceErase", 0)));
        assertFalse(new RewriteSequenceSplit().run(sequence("SequenceAt", 1, 1)));
    }
}

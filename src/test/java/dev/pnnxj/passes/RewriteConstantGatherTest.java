package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class RewriteConstantGatherTest {
    private static Graph gather(Tensor index) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 3, 4));
        Node n = g.addNode("Gather", "cls", List.of(x, g.constant("i", index)), List.of("y"));
        n.set("axis", 1L);
        g.addOutput(n.output(0));
        return g;
    }

    @Test
    void scalarIndexBecomesCropAndReshape() {
        Graph g = gather(Tensor.ofLongs(Shape.SCALAR, -3));
        assertTrue(new RewriteConstantGather().run(g));
        new FoldConstants().run(g);
        assertEquals(Shape.of(1, 4), g.outputs().get(0).shape());
        Node slice = g.nodes().get(0);
        assertArrayEquals(new long[] {0}, slice.input(1).constant().toLongs());
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=4 1=3
                Crop                     crop_0                   1 1 in0 0 -23309=1,0 -23310=1,1 -23311=1,0
                Reshape                  reshape_0                1 1 0 out0 0=4
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }

    @Test
    void indexListBecomesOneCropPerRunAndAConcat() {
        // -1 is 2: runs 0..2 (the whole axis, no Crop needed) and 1
        Graph g = gather(Tensor.ofLongs(Shape.of(4), 0, 1, -1, 1));
        assertTrue(new RewriteConstantGather().run(g));
        new FoldConstants().run(g);
        new RemoveIdentity().run(g);
        assertEquals(Shape.of(1, 4, 4), g.outputs().get(0).shape());
        assertEquals("""
                7767517
                4 5
                Input                    input_0                  0 1 in0 0=4 1=3
                Split                    splitncnn_0              1 2 in0 in0_splitncnn_0 in0_splitncnn_1
                Crop                     crop_0                   1 1 in0_splitncnn_0 0 -23309=1,1 -23310=1,2 -23311=1,0
                Concat                   concat_0                 2 1 in0_splitncnn_1 0 out0 0=0
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }

    @Test
    void oneRunIsOneCrop() {
        Graph g = gather(Tensor.ofLongs(Shape.of(2), 1, 2));
        assertTrue(new RewriteConstantGather().run(g));
        new FoldConstants().run(g);
        assertEquals(List.of("Slice"), g.nodes().stream().map(Node::op).toList());
        assertEquals(Shape.of(1, 2, 4), g.outputs().get(0).shape());
    }

    @Test
    void indexOutOfRangeIsLeftAlone() {
        assertFalse(new RewriteConstantGather().run(gather(Tensor.ofLongs(Shape.of(2), 0, 3))));
    }
}

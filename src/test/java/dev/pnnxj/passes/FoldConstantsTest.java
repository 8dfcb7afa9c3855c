package dev.pnnxj.passes;

import static dev.pnnxj.passes.TestTensors.assertLongs;
import static dev.pnnxj.passes.TestTensors.assertTensor;
import static dev.pnnxj.passes.TestTensors.f32;
import static dev.pnnxj.passes.TestTensors.i64;
import static dev.pnnxj.passes.TestTensors.scalar;
import static dev.pnnxj.passes.TestTensors.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
    private static final DType F = DType.FLOAT32;
    private static final DType L = DType.INT64;

    private static Node node(Graph g, String op, Value... in) {
        return g.addNode(op, null, List.of(in), List.of(op.toLowerCase()));
    }

    private static Value op(Graph g, String op, Value... in) {
        return node(g, op, in).output(0);
    }

    private static Value c(Graph g, Tensor t) {
        return g.constant("c", t);
    }

    private static List<String> ops(Graph g) {
        return g.nodes().stream().map(Node::op).toList();
    }

    @Test
    void shapeArithmeticFeedingAReshapeFoldsToAConstantTarget() {
        // x.view(x.size(0), x.size(1), x.size(2) * x.size(3)) as torch exports it
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(1, 3, 4, 4));
        Value sh = op(g, "Shape", x);
        Value[] dims = new Value[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = op(g, "Gather", sh, c(g, scalar(i)));
        }
        Value hw = op(g, "Mul", dims[2], dims[3]);
        Value target = op(g, "Concat", op(g, "Unsqueeze", dims[0], c(g, i64(0))),
                op(g, "Unsqueeze", dims[1], c(g, i64(0))), op(g, "Unsqueeze", hw, c(g, i64(0))));
        target.producer().set("axis", 0);
        Node reshape = node(g, "Reshape", x, target);
        g.addOutput(reshape.output(0));

        assertTrue(new FoldConstants().run(g));

        assertEquals(List.of("Reshape"), ops(g));
        assertLongs(reshape.input(1).constant(), L, shape(3), 1, 3, 16);
        assertEquals(shape(1, 3, 16), reshape.output(0).shape());
        assertEquals(F, reshape.output(0).dtype());
        assertFalse(new FoldConstants().run(g), "a second walk finds nothing new");
    }

    @Test
    void constantOfShapeFeedingExpand() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 4));
        Value sh = op(g, "Shape", x);
        Value ones = op(g, "ConstantOfShape", op(g, "Shape", sh));
        ones.producer().set("value", i64(1));
        Value row = op(g, "Expand", c(g, f32(1, 2, 3, 4)), op(g, "Mul", ones, sh));
        Value y = op(g, "Add", x, row);
        g.addOutput(y);

        new FoldConstants().run(g);

        assertEquals(List.of("Add"), ops(g));
        assertTensor(row.constant(), F, shape(2, 4), 1, 2, 3, 4, 1, 2, 3, 4);
        assertEquals(shape(2, 4), y.shape());
    }

    @Test
    void rangeOverAnInputDimBecomesAConstantGraphOutput() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 5));
        Value len = op(g, "Gather", op(g, "Shape", x), c(g, scalar(-1)));
        Value r = op(g, "Range", c(g, scalar(0)), len, c(g, scalar(1)));
        g.addOutput(r);

        new FoldConstants().run(g);

        assertEquals(List.of(), ops(g));
        assertLongs(r.constant(), L, shape(5), 0, 1, 2, 3, 4);
        assertSame(r, g.outputs().get(0));
        assertEquals(List.of(x), g.inputs(), "an input whose shape is known stays an input");
        assertFalse(x.isConstant());
    }

    @Test
    void whereEqualResolvesMinusOneInAnExpandTarget() {
        // x.expand(-1, 3, -1): Where(Equal(t, -1), ones, t)
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 1, 4));
        Value t = c(g, i64(-1, 3, -1));
        Value ones = op(g, "ConstantOfShape", c(g, i64(3)));
        ones.producer().set("value", i64(1));
        Value target = op(g, "Where", op(g, "Equal", t, c(g, scalar(-1))), ones, t);
        Node expand = node(g, "Expand", x, target);
        g.addOutput(expand.output(0));

        new FoldConstants().run(g);

        assertEquals(List.of("Expand"), ops(g));
        assertLongs(expand.input(1).constant(), L, shape(3), 1, 3, 1);
        assertEquals(shape(2, 3, 4), expand.output(0).shape());
    }

    @Test
    void scatterNdOnConstantsFolds() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(2, 3, 4));
        Value target = op(g, "ScatterND", op(g, "Shape", x), c(g, i64(shape(1, 1), 2)), c(g, i64(-1)));
        Node reshape = node(g, "Reshape", x, target);
        g.addOutput(reshape.output(0));

        new FoldConstants().run(g);

        assertLongs(reshape.input(1).constant(), L, shape(3), 2, 3, -1);
        assertEquals(shape(2, 3, 4), reshape.output(0).shape());
    }

    @Test
    void partiallyKnownShapeFoldsOnlyTheDimsItReads() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(Shape.UNKNOWN, 3, 4));
        Node tail = node(g, "Shape", x);
        tail.set("start", 1);
        Node all = node(g, "Shape", x);
        g.addOutput(tail.output(0));
        g.addOutput(all.output(0));

        new FoldConstants().run(g);

        assertLongs(tail.output(0).constant(), L, shape(2), 3, 4);
        assertEquals(List.of("Shape"), ops(g));
        assertEquals(shape(3), all.output(0).shape());
    }

    @Test
    void unknownInputShapesAndOpsWithoutRulesLeaveOutputsUnknown() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, null);
        Value relu = op(g, "Relu", x);
        Value custom = op(g, "SomethingNew", g.addInput("z", F, shape(2)));
        new FoldConstants().run(g);
        assertNull(relu.shape());
        assertNull(custom.shape());
    }

    @Test
    void knownDimsRecordedBeforehandSurviveUnknownInferredOnes() {
        Graph g = new Graph();
        Value x = g.addInput("x", F, shape(Shape.UNKNOWN, 3));
        Value y = op(g, "Relu", x);
        y.setShape(shape(5, 3));
        Value z = op(g, "Relu", x);
        z.setShape(shape(5, 3, 1));
        new FoldConstants().run(g);
        assertEquals(shape(5, 3), y.shape());
        assertEquals(shape(Shape.UNKNOWN, 3), z.shape(), "a recorded shape of another rank is replaced");
    }

    @Test
    void inconsistentNodesAreReportedByName() {
        Graph g = new Graph();
        Node n = g.addNode("Reshape", "bad_reshape", List.of(g.addInput("x", F, shape(2, 3)), c(g, i64(4, -1))),
                List.of("y"));
        ConversionException e = assertThrows(ConversionException.class, () -> new FoldConstants().run(g));
        assertTrue(e.getMessage().contains("bad_reshape"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot reshape [2,3]"), e.getMessage());
        assertEquals("Reshape", n.op());
    }
}

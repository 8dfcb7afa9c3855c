package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteWhereTest {
    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 3));
    private final Value mask = g.constant("mask", Tensor.ofDoubles(DType.BOOL, Shape.of(3), 1, 0, 1));

    private void where(Value a, Value b) {
        g.addOutput(g.addNode("Where", "where", List.of(mask, a, b), List.of("y")).output(0));
        new FoldConstants().run(g);
        RewriteWhere.constantConditions().run(g);
        new FoldConstants().run(g);
        new EliminateDeadNodes().run(g);
    }

    private List<String> ops() {
        return g.nodes().stream().map(Node::op).toList();
    }

    /** The constant operand of a two-input node. */
    private static float[] constantOf(Node n) {
        return (n.input(0).isConstant() ? n.input(0) : n.input(1)).constant().toFloats();
    }

    @Test
    void dataWhereTheMaskHoldsAndAConstantElsewhere() {
        where(x, g.constant("ninf", Tensor.ofFloats(Shape.SCALAR, Float.NEGATIVE_INFINITY)));
        assertEquals(List.of("Mul", "Add"), ops());
        assertArrayEquals(new float[] {1, 0, 1}, constantOf(g.nodes().get(0)));
        assertArrayEquals(new float[] {0, Float.NEGATIVE_INFINITY, 0}, constantOf(g.nodes().get(1)));
        assertEquals(Shape.of(1, 3), g.outputs().get(0).shape());
    }

    @Test
    void aConstantWhereTheMaskHoldsAndDataElsewhere() {
        where(g.constant("k", Tensor.ofFloats(Shape.of(3), 5, 6, 7)), x);
        assertEquals(List.of("Mul", "Add"), ops());
        assertArrayEquals(new float[] {0, 1, 0}, constantOf(g.nodes().get(0)));
        assertArrayEquals(new float[] {5, 0, 7}, constantOf(g.nodes().get(1)));
    }

    @Test
    void twoDataBranchesAreEachMasked() {
        Value z = g.addInput("z", DType.FLOAT32, Shape.of(1, 3));
        where(x, z);
        assertEquals(List.of("Mul", "Mul", "Add"), ops());
        assertArrayEquals(new float[] {1, 0, 1}, constantOf(g.nodes().get(0)));
        assertArrayEquals(new float[] {0, 1, 0}, constantOf(g.nodes().get(1)));
    }

    @Test
    void integerResultsStay() {
        Value i = g.addInput("i", DType.INT64, Shape.of(1, 3));
        Node n = g.addNode("Where", "w", List.of(mask, i, g.constant("k", Tensor.ofLongs(Shape.SCALAR, 0))), List.of("y"));
        n.output(0).setDtype(DType.INT64);
        assertFalse(RewriteWhere.constantConditions().run(g));
    }

    @Test
    void aDataConditionBecomesCastFactorsAndAZeroBranchDropsItsTerm() {
        Value c = g.addInput("c", DType.BOOL, Shape.of(1, 3));
        Value z = g.addInput("z", DType.FLOAT32, Shape.of(1, 3));
        g.addOutput(g.addNode("Where", "w", List.of(c, x, z), List.of("y")).output(0));
        g.addOutput(g.addNode("Where", "w0", List.of(c, x, g.constant("k0", Tensor.ofFloats(Shape.SCALAR, 0))),
                List.of("y0")).output(0));
        new FoldConstants().run(g);
        RewriteWhere.dataConditions().run(g);
        new RemoveIdentity().run(g);
        new FoldConstants().run(g);
        assertEquals(List.of("Not", "Cast", "Cast", "Cast", "Mul", "Mul", "Mul", "Add"), ops());
        assertEquals(DType.FLOAT32, g.outputs().get(0).dtype());
        assertEquals(Shape.of(1, 3), g.outputs().get(1).shape());
    }

    @Test
    void aDataConditionNextToAnInfiniteConstantStays() {
        Value c = g.addInput("c", DType.BOOL, Shape.of(1, 3));
        Node n = g.addNode("Where", "w", List.of(c, g.constant("ninf", Tensor.ofFloats(Shape.SCALAR,
                Float.NEGATIVE_INFINITY)), x), List.of("y"));
        n.output(0).setDtype(DType.FLOAT32);
        assertFalse(RewriteWhere.dataConditions().run(g));
    }

    @Test
    void aNonStrictConditionIsNegatedOnceAndAFilledBranchBecomesANumber() {
        Value ge = g.addNode("GreaterOrEqual", "ge", List.of(x, g.constant("t", Tensor.ofFloats(Shape.SCALAR, 0.2f))),
                List.of("ge")).output(0);
        Value minusOnes = g.constant("k", Tensor.ofFloats(Shape.of(1, 3), -1, -1, -1));
        g.addOutput(g.addNode("Where", "w", List.of(ge, x, minusOnes), List.of("y")).output(0));
        new FoldConstants().run(g);
        RewriteWhere.dataConditions().run(g);
        new FoldConstants().run(g);
        new EliminateDeadNodes().run(g);
        assertEquals(List.of("Less", "Not", "Cast", "Cast", "Mul", "Mul", "Add"), ops());
        Node scaled = g.nodes().stream().filter(n -> n.op().equals("Mul") && (n.input(0).isConstant() || n.input(1).isConstant())).findFirst()
                .orElseThrow();
        assertEquals(1, constantOf(scaled).length);
        assertEquals(-1f, constantOf(scaled)[0]);
    }
}

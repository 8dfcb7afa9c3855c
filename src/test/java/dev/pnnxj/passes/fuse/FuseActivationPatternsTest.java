package dev.pnnxj.passes.fuse;

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

/** FuseSwish and FuseHardSwish. */
class FuseActivationPatternsTest {
    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 3, 4, 4));

    private Value op(String type, Value... in) {
        return g.addNode(type, null, List.of(in), List.of(type.toLowerCase())).output(0);
    }

    private Value c(float v) {
        return g.constant("c", Tensor.ofFloats(Shape.SCALAR, v));
    }

    private void assertFusedTo(String op, Value out) {
        g.addOutput(out);
        assertEquals(1, g.nodes().size(), g.nodes().toString());
        Node n = g.nodes().get(0);
        assertEquals(op, n.op());
        assertEquals(List.of(x), n.inputs());
        assertSame(out, n.output(0));
    }

    @Test
    void sigmoidTimesXIsSwish() {
        Value y = op("Mul", op("Sigmoid", x), x);
        assertTrue(new FuseSwish().run(g));
        assertFusedTo("Swish", y);
    }

    @Test
    void xTimesSigmoidIsSwish() {
        Value y = op("Mul", x, op("Sigmoid", x));
        assertTrue(new FuseSwish().run(g));
        assertFusedTo("Swish", y);
    }

    @Test
    void sigmoidReadTwiceStays() {
        Value s = op("Sigmoid", x);
        g.addOutput(op("Mul", x, s));
        g.addOutput(s);
        assertFalse(new FuseSwish().run(g));
        assertEquals(2, g.nodes().size());
    }

    @Test
    void mulOfHardSigmoidWithTorchParamsIsHardSwish() {
        Value hs = op("HardSigmoid", x);
        hs.producer().set("alpha", 1f / 6).set("beta", 0.5f);
        Value y = op("Mul", x, hs);
        assertTrue(new FuseHardSwish().run(g));
        assertFusedTo("HardSwish", y);
    }

    @Test
    void hardSigmoidWithOtherSlopeStays() {
        Value y = op("Mul", x, op("HardSigmoid", x));
        g.addOutput(y);
        assertFalse(new FuseHardSwish().run(g));
    }

    @Test
    void relu6OfXPlus3TimesXOverSixIsHardSwish() {
        Value relu6 = op("Clip", op("Add", x, c(3)), c(0), c(6));
        Value y = op("Div", op("Mul", x, relu6), c(6));
        assertTrue(new FuseHardSwish().run(g));
        assertFusedTo("HardSwish", y);
    }

    @Test
    void xTimesRelu6OfThreePlusXTimesASixthIsHardSwish() {
        Value relu6 = op("Clip", op("Add", c(3), x), c(0), c(6));
        Value y = op("Mul", x, op("Mul", relu6, c(1f / 6)));
        assertTrue(new FuseHardSwish().run(g));
        assertFusedTo("HardSwish", y);
    }

    @Test
    void relu6OfAnotherValueStays() {
        Value other = g.addInput("other", DType.FLOAT32, Shape.of(1, 3, 4, 4));
        Value relu6 = op("Clip", op("Add", other, c(3)), c(0), c(6));
        g.addOutput(op("Div", op("Mul", x, relu6), c(6)));
        assertFalse(new FuseHardSwish().run(g));
        assertEquals(4, g.nodes().size());
    }
}

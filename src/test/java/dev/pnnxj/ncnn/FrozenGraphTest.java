package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Graph.freeze, which lowering runs under: every mutation throws naming its caller, reading is unchanged. */
class FrozenGraphTest {
    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, 4));
    private final Node relu = g.addNode("Relu", "relu", List.of(x), List.of("y"));

    FrozenGraphTest() {
        relu.output(0).setShape(Shape.of(1, 4));
        relu.output(0).setDtype(DType.FLOAT32);
        g.addOutput(relu.output(0));
    }

    private static void refused(String what, Executable mutation) {
        IllegalStateException e = assertThrows(IllegalStateException.class, mutation, what);
        assertTrue(e.getMessage().startsWith(what + " on a frozen graph"), e.getMessage());
        // the caller is named: the first frame outside the IR package, here this test
        assertTrue(e.getMessage().contains("called by " + FrozenGraphTest.class.getName() + "."), e.getMessage());
    }

    @Test
    void everyMutationOfAFrozenGraphThrowsNamingTheCaller() {
        g.freeze();
        Value y = relu.output(0);
        refused("Graph.newValue", () -> g.newValue("z"));
        refused("Graph.newValue", () -> g.constant("k", Tensor.ofFloats(Shape.of(1), new float[] {1})));
        refused("Graph.newValue", () -> g.addInput("x2", DType.FLOAT32, Shape.of(1)));
        refused("Graph.addNode", () -> g.addNode("Relu", "r2", List.of(x), List.of()));
        refused("Graph.addNodeWithOutputs", () -> g.addNodeWithOutputs("Relu", "r3", List.of(x), List.of()));
        refused("Graph.addOutput", () -> g.addOutput(x));
        refused("Graph.removeInput", () -> g.removeInput(x));
        refused("Graph.removeNode", () -> g.removeNode(relu));
        refused("Graph.replaceAllUses", () -> g.replaceAllUses(y, x));
        refused("Graph.removeDeadNodes", () -> g.removeDeadNodes());
        refused("Graph.sortTopologically", () -> g.sortTopologically());
        refused("Node.setInput", () -> relu.setInput(0, y));
        refused("Node.setInput", () -> relu.addInput(x));
        refused("Node.truncateInputs", () -> relu.truncateInputs(0));
        refused("Node.setOutput", () -> relu.setOutput(0, x));
        refused("Node.set", () -> relu.set("alpha", 1.0f));
        refused("Value.setShape", () -> y.setShape(Shape.of(4)));
        refused("Value.setDtype", () -> y.setDtype(DType.FLOAT16));
        refused("Value.setConstant", () -> y.setConstant(Tensor.ofFloats(Shape.of(1), new float[] {1})));
        assertThrows(UnsupportedOperationException.class, () -> relu.attrs().put("alpha", 1.0f));
        assertThrows(UnsupportedOperationException.class, () -> g.opsets().put("", 13));
    }

    @Test
    void aFrozenGraphIsReadAsBeforeAndUnchanged() {
        String before = IrText.print(g);
        g.freeze();
        assertEquals(before, IrText.print(g));
        assertEquals(List.of(relu), g.nodes());
        assertEquals(List.of(relu), x.users());
        assertThrows(IllegalStateException.class, () -> y().setShape(Shape.of(4)));
        assertEquals(before, IrText.print(g));
    }

    @Test
    void thawingMakesTheGraphWritableAgain() {
        g.freeze();
        g.thaw();
        y().setShape(Shape.of(1, 4));
        relu.set("alpha", 1.0f);
        g.addNode("Relu", "r2", List.of(relu.output(0)), List.of("z"));
        assertEquals(2, g.nodes().size());
    }

    @Test
    void loweringFreezesTheGraphWhileItRunsAndThawsItAfter() {
        BatchLayouts layouts = PreLowering.run(g);
        String before = IrText.print(g);
        LowerToNcnn.lower(g, layouts, Set.of());
        assertEquals(before, IrText.print(g));
        y().setShape(Shape.of(1, 4));
    }

    private Value y() {
        return relu.output(0);
    }
}

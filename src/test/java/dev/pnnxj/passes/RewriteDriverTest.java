package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver's contract: the nodes it offers, what it skips, the one sort, and what it reports. */
class RewriteDriverTest {
    private static final String CHAIN = """
            input x:f32[4]
            a:f32[4] = Relu(x)
            b:f32[4] = Relu(a)
            c:f32[4] = Relu(b)
            output c
            """;

    /** Relu(Relu(v)) ⇒ Relu(v), matched at the outer Relu; records the nodes it was offered. */
    private static class CollapseRelu extends RewritePass<Node> {
        final List<String> offered = new ArrayList<>();

        @Override
        public Optional<Node> match(Graph g, Node n) {
            offered.add(n.name());
            Node inner = n.input(0).producer();
            boolean fits = n.op().equals("Relu") && inner != null && inner.op().equals("Relu")
                    && inner.output(0).users().size() == 1;
            return fits ? Optional.of(n) : Optional.empty();
        }

        @Override
        public void apply(Graph g, Node outer) {
            Node inner = outer.input(0).producer();
            Value v = inner.input(0);
            List<Value> out = List.copyOf(outer.outputs());
            g.removeNode(outer);
            g.removeNode(inner);
            // appended after the graph's other nodes: the driver's sort puts it in place
            g.addNodeWithOutputs("Relu", outer.name(), List.of(v), out);
        }
    }

    @Test
    void matchesSeeEarlierRewritesAndTheGraphIsSortedOnce() {
        Graph g = IrText.parse(CHAIN.replace("output c", "d:f32[4] = Neg(c)\noutput d"));
        CollapseRelu r = new CollapseRelu();
        assertTrue(r.run(g));
        // b absorbs a, then c absorbs the new b (added nodes are not offered, but later matches see them)
        assertEquals(List.of("a", "b", "c", "d"), r.offered);
        // the new c was appended after d: the sort put it back before its reader
        assertEquals("""
                input x:f32[4]
                c:f32[4] = Relu(x)
                d:f32[4] = Neg(c)
                output d
                """, IrText.print(g));
    }

    @Test
    void aRemovedNodeIsNotOffered() {
        Graph g = IrText.parse(CHAIN);
        CollapseRelu r = new CollapseRelu() {
            @Override
            public void apply(Graph graph, Node outer) {
                super.apply(graph, outer);
                graph.removeNode(graph.nodes().stream().filter(n -> n.name().equals("c")).findFirst().orElseThrow());
            }
        };
        r.run(g);
        assertEquals(List.of("a", "b"), r.offered);
    }

    @Test
    void nothingMatchedIsNoChange() {
        Graph g = IrText.parse("input x:f32[4]\na:f32[4] = Relu(x)\noutput a\n");
        assertFalse(new CollapseRelu().run(g));
        assertEquals("input x:f32[4]\na:f32[4] = Relu(x)\noutput a\n", IrText.print(g));
    }

    @Test
    void aRewriteThatKeepsTheOrderIsNotSorted() {
        // x's two readers: sorting would put b (ready first) before the Neg that reads a
        String text = """
                input x:f32[4]
                a:f32[4] = Relu(x)
                i:f32[4] = Identity(a)
                n:f32[4] = Neg(i)
                b:f32[4] = Sigmoid(x)
                output n, b
                """;
        Graph g = IrText.parse(text);
        assertTrue(new RemoveIdentity().run(g));
        assertEquals(text.replace("i:f32[4] = Identity(a)\n", "").replace("Neg(i)", "Neg(a)"), IrText.print(g));
        Graph sorted = IrText.parse(text);
        new RemoveIdentity().run(sorted);
        sorted.sortTopologically();
        assertEquals(List.of("a", "b", "n"), sorted.nodes().stream().map(Node::name).toList());
    }
}

package dev.pnnxj.passes;

import static dev.pnnxj.passes.TestTensors.i64;
import static dev.pnnxj.passes.TestTensors.scalar;
import static dev.pnnxj.passes.TestTensors.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassPipelineTest {
    /** A pass that reports a change on its first {@code changes} runs. */
    private static final class Counting implements Pass {
        private final String name;
        private final int changes;
        int runs;

        Counting(String name, int changes) {
            this.name = name;
            this.changes = changes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean run(Graph g) {
            return runs++ < changes;
        }
    }

    @Test
    void aGroupRepeatsUntilARoundChangesNothing() {
        Counting a = new Counting("a", 0);
        Counting b = new Counting("b", 2);
        Counting once = new Counting("once", 5);
        List<String> applied = new PassPipeline().then(once).repeat(10, a, b).run(new Graph());
        assertEquals(1, once.runs);
        assertEquals(3, a.runs, "two changing rounds, then one quiet round");
        assertEquals(3, b.runs);
        assertEquals(List.of("once", "b"), applied);
    }

    @Test
    void aGroupThatNeverSettlesStopsAtItsBound() {
        Counting forever = new Counting("forever", Integer.MAX_VALUE);
        assertEquals(List.of("forever"), new PassPipeline().repeat(4, forever).run(new Graph()));
        assertEquals(4, forever.runs);
        assertThrows(IllegalArgumentException.class, () -> new PassPipeline().repeat(0, forever));
    }

    @Test
    void foldingAndCleanUpReachAFixedPoint() {
        // Flatten written the torch way, with a no-op Reshape and a transpose pair around it
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, shape(1, 8, 2, 2));
        Node t1 = g.addNode("Transpose", null, List.of(x), List.of("t1"));
        t1.set("perm", new long[] {0, 2, 3, 1});
        Node t2 = g.addNode("Transpose", null, List.of(t1.output(0)), List.of("t2"));
        t2.set("perm", new long[] {0, 3, 1, 2});
        Value same = g.addNode("Reshape", null, List.of(t2.output(0), g.constant("s", i64(1, 8, 2, 2))),
                List.of("same")).output(0);
        Value batch = g.addNode("Gather", null, List.of(g.addNode("Shape", null, List.of(same), List.of("sh"))
                .output(0), g.constant("i", scalar(0))), List.of("n")).output(0);
        Value target = g.addNode("Concat", null, List.of(g.addNode("Unsqueeze", null, List.of(batch,
                g.constant("a", i64(0))), List.of("u")).output(0), g.constant("m", i64(-1))), List.of("t"))
                .output(0);
        target.producer().set("axis", 0);
        Node flat = g.addNode("Reshape", null, List.of(same, target), List.of("flat"));
        g.addOutput(g.addNode("Relu", null, List.of(flat.output(0)), List.of("y")).output(0));
        g.addNode("Sigmoid", null, List.of(x), List.of("unused"));

        List<String> applied = new PassPipeline()
                .repeat(8, new FoldConstants(), new MergeConsecutive(), new RemoveIdentity(),
                        new EliminateDeadNodes())
                .run(g);

        assertEquals(List.of("Reshape", "Relu"), g.nodes().stream().map(Node::op).toList());
        assertEquals(x, flat.input(0));
        assertEquals(shape(1, 32), g.outputs().get(0).shape());
        assertEquals(List.of("FoldConstants", "MergeConsecutive", "RemoveIdentity", "EliminateDeadNodes"),
                applied);
    }
}

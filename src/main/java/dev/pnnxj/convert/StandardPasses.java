package dev.pnnxj.convert;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.MergeConsecutive;
import dev.pnnxj.passes.PassPipeline;
import dev.pnnxj.passes.RemoveIdentity;
import java.util.List;

/** The pass pipeline every conversion runs, by optlevel. */
final class StandardPasses {
    private StandardPasses() {
    }

    /** Runs the passes and returns the names of those that changed the graph. */
    static List<String> run(Graph g, int optLevel) {
        g.sortTopologically();
        PassPipeline p = new PassPipeline()
                .repeat(8, new FoldConstants(), new RemoveIdentity(), new MergeConsecutive(), new EliminateDeadNodes());
        return p.run(g);
    }
}

package dev.pnnxj.convert;

import dev.pnnxj.ir.Graph;
import java.util.ArrayList;
import java.util.List;

/** The pass pipeline every conversion runs, by optlevel. */
final class StandardPasses {
    private StandardPasses() {
    }

    /** Runs the passes and returns the names of those that changed the graph. */
    static List<String> run(Graph g, int optLevel) {
        List<String> applied = new ArrayList<>();
        g.sortTopologically();
        if (g.removeDeadNodes()) {
            applied.add("EliminateDeadNodes");
        }
        return applied;
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered list of steps, each a group of passes run in order, repeated until a whole round
 * changes nothing or the group's round bound is reached. A single pass is a group run once.
 */
public final class PassPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(PassPipeline.class);

    private record Step(List<Pass> passes, int maxRounds) {
    }

    private final List<Step> steps = new ArrayList<>();

    /** Appends a pass that runs once. */
    public PassPipeline then(Pass pass) {
        steps.add(new Step(List.of(pass), 1));
        return this;
    }

    /** Appends a group repeated until a round changes nothing, at most {@code maxRounds} times. */
    public PassPipeline repeat(int maxRounds, Pass... passes) {
        if (maxRounds < 1 || passes.length == 0) {
            throw new IllegalArgumentException("a repeated group needs passes and a bound of at least 1");
        }
        steps.add(new Step(List.of(passes), maxRounds));
        return this;
    }

    /**
     * Runs every step on {@code g}. Returns the names of the passes that changed the graph, each
     * once, in the order they first did.
     */
    public List<String> run(Graph g) {
        Set<String> applied = new LinkedHashSet<>();
        for (Step step : steps) {
            boolean changed = true;
            int round = 0;
            while (changed && round < step.maxRounds()) {
                changed = false;
                for (Pass p : step.passes()) {
                    if (p.run(g)) {
                        applied.add(p.name());
                        changed = true;
                    }
                }
                round++;
            }
            if (changed && step.maxRounds() > 1) {
                LOG.warn("passes {} still changed the graph after {} rounds; going on", names(step), round);
            }
        }
        return List.copyOf(applied);
    }

    private static List<String> names(Step step) {
        return step.passes().stream().map(Pass::name).toList();
    }
}

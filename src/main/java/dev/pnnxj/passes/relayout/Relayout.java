package dev.pnnxj.passes.relayout;

import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.MergeConsecutive;
import dev.pnnxj.passes.MovesAsReshape;
import dev.pnnxj.passes.Pass;
import dev.pnnxj.passes.RemoveIdentity;

/**
 * The relayout group: values above ncnn's four dims re-laid so ncnn can hold them, with the
 * clean-ups that merge the Reshapes they leave into the model's own. Run until nothing changes.
 */
public final class Relayout {
    /** A bound on the rounds: a cut, the merge of its pieces and the re-view of the cut take three. */
    public static final int ROUNDS = 8;

    private Relayout() {
    }

    /** The passes of one round, in order. */
    public static Pass[] passes() {
        return new Pass[] {new SplitTransposeAlongSmallAxis(), new MergeTransposeAxes(), new ViewAroundAxis(),
            new FlattenElementwise(), new MovesAsReshape(), new FoldConstants(), new RemoveIdentity(),
            new MergeConsecutive(), new EliminateDeadNodes()};
    }
}

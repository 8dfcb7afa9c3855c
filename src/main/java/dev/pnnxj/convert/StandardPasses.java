package dev.pnnxj.convert;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldBatchIntoChannels;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.InlineConstantIf;
import dev.pnnxj.passes.MergeConsecutive;
import dev.pnnxj.passes.MovesAsReshape;
import dev.pnnxj.passes.PassPipeline;
import dev.pnnxj.passes.RecurrentToBatchFirst;
import dev.pnnxj.passes.RemoveIdentity;
import dev.pnnxj.passes.ResolveSequences;
import dev.pnnxj.passes.RewriteConstantGather;
import dev.pnnxj.passes.RewriteDataGemm;
import dev.pnnxj.passes.RewriteEinsum;
import dev.pnnxj.passes.RewriteSequenceSplit;
import dev.pnnxj.passes.RewriteSignedMagnitude;
import dev.pnnxj.passes.RewriteWhere;
import dev.pnnxj.passes.RewriteSliceAssignment;
import dev.pnnxj.passes.TransposeChains;
import dev.pnnxj.passes.UnbatchedWindows;
import dev.pnnxj.passes.ScalarOpsBeforeWideReshape;
import dev.pnnxj.passes.fuse.FuseChannelShuffle;
import dev.pnnxj.passes.fuse.FuseAddIntoBias;
import dev.pnnxj.passes.fuse.FuseConvBatchNorm;
import dev.pnnxj.passes.fuse.FuseGelu;
import dev.pnnxj.passes.fuse.FuseFocus;
import dev.pnnxj.passes.fuse.FuseGroupNorm;
import dev.pnnxj.passes.fuse.FuseHardSwish;
import dev.pnnxj.passes.fuse.FuseLayerNorm;
import dev.pnnxj.passes.fuse.FuseMatMulAdd;
import dev.pnnxj.passes.fuse.FuseMish;
import dev.pnnxj.passes.fuse.FuseRmsNorm;
import dev.pnnxj.passes.fuse.FuseMultiHeadAttention;
import dev.pnnxj.passes.fuse.FuseShrink;
import dev.pnnxj.passes.fuse.FuseSlicesIntoSplit;
import dev.pnnxj.passes.fuse.FuseSwish;
import dev.pnnxj.passes.relayout.Relayout;
import java.util.List;

/**
 * The pass pipeline every conversion runs. Folding, clean-up and the slice-assignment rewrite
 * always run (ncnn cannot express the glue they remove), as do the einsum lowering and the shuffle
 * chains' fusion (their 5-D and 6-D intermediates do not fit ncnn's 4 dims); pattern fusions run at
 * optlevel 1 and above.
 */
final class StandardPasses {
    private StandardPasses() {
    }

    /** Runs the passes and returns the names of those that changed the graph. */
    static List<String> run(Graph g, int optLevel) {
        g.sortTopologically();
        PassPipeline p = new PassPipeline()
                .repeat(8, new FoldConstants(), new InlineConstantIf(), new UnbatchedWindows(), new RecurrentToBatchFirst(),
                        new RemoveIdentity(), new MergeConsecutive(), new RewriteSliceAssignment(), new RewriteConstantGather(),
                        RewriteWhere.constantConditions(), new RewriteDataGemm(), new RewriteSignedMagnitude(),
                        new RewriteEinsum(), new RewriteSequenceSplit(), new ResolveSequences(),
                        new FuseChannelShuffle(), new EliminateDeadNodes());
        if (optLevel >= 1) {
            // before MovesAsReshape, which turns the attention's sequence/batch transposes into reshapes
            p.repeat(2, new FuseMultiHeadAttention(), new EliminateDeadNodes());
        }
        p.repeat(8, new MovesAsReshape(), new TransposeChains(), new ScalarOpsBeforeWideReshape(), new FoldConstants(),
                new RemoveIdentity(), new MergeConsecutive(), new EliminateDeadNodes());
        if (optLevel >= 1) {
            p.repeat(4, new FuseConvBatchNorm(), new FuseAddIntoBias(), new FuseSwish(), new FuseHardSwish(),
                    new FuseGelu(), new FuseMish(), new FuseLayerNorm(), new FuseRmsNorm(), new FuseGroupNorm(),
                    new FuseMatMulAdd(), new FuseFocus(), new FuseSlicesIntoSplit(),
                    new FuseShrink(), new EliminateDeadNodes());
        }
        // after the fusions, which match selects (FuseShrink) that this turns into arithmetic
        p.repeat(2, RewriteWhere.dataConditions(), new FoldConstants(), new RemoveIdentity(), new EliminateDeadNodes());
        // after the fusions, which match the model's own high-rank views (channel and pixel shuffles)
        p.repeat(Relayout.ROUNDS, Relayout.passes());
        // last, so that the fusions above still see each convolution next to its neighbours
        p.repeat(1, new FoldBatchIntoChannels());
        return p.run(g);
    }
}

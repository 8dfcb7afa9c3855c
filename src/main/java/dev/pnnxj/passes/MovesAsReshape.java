package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.LayoutShapes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites data movement that keeps the elements in order as a Reshape to its known output shape:
 * Squeeze, Unsqueeze, and a Transpose that only moves size-1 axes (the other axes keep their
 * relative order). {@link MergeConsecutive} then collapses the chains of them that exporters
 * leave around recurrent layers and batch-1 layout changes, and {@link RemoveIdentity} drops
 * those that end where they started.
 */
public final class MovesAsReshape extends RewritePass<Node> {

    @Override
    public Optional<Node> match(Graph g, Node n) {
        Value in = n.input(0);
        return n.outputs().size() == 1 && in != null && known(in.shape()) && known(n.output(0).shape()) && keepsOrder(n)
                ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        long[] dims = Arrays.stream(n.output(0).shape().dims()).asLongStream().toArray();
        Value target = g.constant(n.name() + "_shape", Tensor.ofLongs(Shape.of(dims.length), dims));
        List<Value> in = List.of(n.input(0), target);
        List<Value> outputs = List.copyOf(n.outputs());
        g.removeNode(n);
        g.addNodeWithOutputs("Reshape", n.name(), in, outputs);
    }

    private static boolean known(Shape s) {
        return s != null && s.isKnown();
    }

    private static boolean keepsOrder(Node n) {
        return switch (n.op()) {
            case "Squeeze", "Unsqueeze" -> true;
            case "Transpose" -> movesOnlyUnitAxes(n.input(0).shape(), n.getInts("perm"));
            default -> false;
        };
    }

    private static boolean movesOnlyUnitAxes(Shape in, long[] perm) {
        int[] p = LayoutShapes.perm(perm, in.rank());
        int last = -1;
        for (int axis : p) {
            if (in.dim(axis) != 1) {
                if (axis < last) {
                    return false;
                }
                last = axis;
            }
        }
        return true;
    }
}

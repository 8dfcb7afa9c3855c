package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picking one index of an activation, such as a ViT's class token {@code x[:, 0]}, becomes a
 * one-wide Slice and a Squeeze, which ncnn runs as Crop and Reshape.
 *
 * <pre>
 *   y = Gather(x, i){axis=a}, i a one-element scalar constant, x of known shape
 *     ⇒  y = Squeeze(Slice(x, [i], [i+1], [a]), [a])
 * </pre>
 */
public final class RewriteConstantGather extends RewritePass<Node> {

    @Override
    public Optional<Node> match(Graph g, Node n) {
        Value x = n.input(0);
        if (!n.op().equals("Gather") || x.isConstant() || x.shape() == null || !n.input(1).isConstant()
                || n.input(1).constant().shape().rank() != 0) {
            return Optional.empty();
        }
        return x.shape().dim(x.shape().axis(n.getInt("axis", 0))) == Shape.UNKNOWN ? Optional.empty() : Optional.of(n);
    }

    @Override
    public void apply(Graph g, Node n) {
        Value x = n.input(0);
        int axis = x.shape().axis(n.getInt("axis", 0));
        long index = n.input(1).constant().toLongs()[0];
        int size = x.shape().dim(axis);
        long start = index < 0 ? index + size : index;
        int[] sliced = x.shape().dims();
        sliced[axis] = 1;
        Value axes = g.constant(n.name() + "_axes", Tensor.ofLongs(Shape.of(1), axis));
        Node slice = g.addNode("Slice", n.name() + "_slice", List.of(x,
                g.constant(n.name() + "_starts", Tensor.ofLongs(Shape.of(1), start)),
                g.constant(n.name() + "_ends", Tensor.ofLongs(Shape.of(1), start + 1)), axes),
                List.of(n.name() + "_slice"));
        slice.output(0).setShape(Shape.of(sliced));
        slice.output(0).setDtype(x.dtype());
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        g.addNodeWithOutputs("Squeeze", n.name(), List.of(slice.output(0), axes), outputs);
    }
}

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
 * Picking constant indices of an activation becomes slicing, which ncnn runs as Crop (and Concat
 * and Reshape); ncnn has no Gather layer. One index, such as a ViT's class token {@code x[:, 0]},
 * is a one-wide Slice and a Squeeze; a list, such as {@code x[:, [0, 2, 3, 1]]} or
 * {@code index_select} with a constant index, is one Slice per run of consecutive indices,
 * concatenated when there are several.
 *
 * <pre>
 *   y = Gather(x, i){axis=a}, i a one-element scalar constant, x of known size along a
 *     ⇒  y = Squeeze(Slice(x, [i], [i+1], [a]), [a])
 *   y = Gather(x, [i0, i1, ..]){axis=a}, a non-empty 1-D constant
 *     ⇒  y = Concat(Slice(x, [r0], [r0+n0], [a]), Slice(x, [r1], ..), ..){axis=a}, one Slice per run
 *        r, r+1, .., r+n-1 of the indices (y = that Slice when there is one run)
 * </pre>
 */
public final class RewriteConstantGather extends RewritePass<RewriteConstantGather.Match> {

    /** The Gather, its axis, its indices made positive, and whether the index is a scalar. */
    record Match(Node gather, int axis, long[] index, boolean scalar) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("Gather")) {
            return Optional.empty();
        }
        Value x = n.input(0);
        Value i = n.input(1);
        if (x.isConstant() || x.shape() == null || !i.isConstant() || i.constant().shape().rank() > 1
                || i.constant().shape().numel() == 0) {
            return Optional.empty();
        }
        int axis = x.shape().axis(n.getInt("axis", 0));
        int size = x.shape().dim(axis);
        long[] index = i.constant().toLongs();
        if (size == Shape.UNKNOWN || !normalize(index, size)) {
            return Optional.empty();
        }
        return Optional.of(new Match(n, axis, index, i.constant().shape().rank() == 0));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.gather();
        Value x = n.input(0);
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        List<long[]> runs = runs(m.index());
        if (m.scalar()) {
            Value slice = slice(g, n.name() + "_slice", x, m.axis(), m.index()[0], 1, null);
            g.addNodeWithOutputs("Squeeze", n.name(), List.of(slice, axes(g, n.name(), m.axis())), outputs);
        } else if (runs.size() == 1) {
            slice(g, n.name(), x, m.axis(), runs.get(0)[0], (int) runs.get(0)[1], outputs);
        } else {
            List<Value> pieces = new ArrayList<>();
            for (long[] run : runs) {
                pieces.add(slice(g, n.name() + "_slice" + pieces.size(), x, m.axis(), run[0], (int) run[1], null));
            }
            g.addNodeWithOutputs("Concat", n.name(), pieces, outputs).set("axis", (long) m.axis());
        }
    }

    /** Indices counted from the end made positive in place; false when one is out of range. */
    private static boolean normalize(long[] index, int size) {
        for (int i = 0; i < index.length; i++) {
            index[i] = index[i] < 0 ? index[i] + size : index[i];
            if (index[i] < 0 || index[i] >= size) {
                return false;
            }
        }
        return true;
    }

    /** The runs of consecutive indices, each as {start, length}. */
    private static List<long[]> runs(long[] index) {
        List<long[]> runs = new ArrayList<>();
        for (int start = 0, end; start < index.length; start = end) {
            end = start + 1;
            while (end < index.length && index[end] == index[end - 1] + 1) {
                end++;
            }
            runs.add(new long[] {index[start], end - start});
        }
        return runs;
    }

    private static Value axes(Graph g, String name, int axis) {
        return g.constant(name + "_axes", Tensor.ofLongs(Shape.of(1), axis));
    }

    /**
     * x[.., start:start+count, ..] along axis, writing the given outputs or, when null, a new value
     * whose shape is set.
     */
    private static Value slice(Graph g, String name, Value x, int axis, long start, int count, List<Value> outputs) {
        List<Value> in = List.of(x, g.constant(name + "_starts", Tensor.ofLongs(Shape.of(1), start)),
                g.constant(name + "_ends", Tensor.ofLongs(Shape.of(1), start + count)), axes(g, name, axis));
        if (outputs != null) {
            return g.addNodeWithOutputs("Slice", name, in, outputs).output(0);
        }
        Node slice = g.addNode("Slice", name, in, List.of(name));
        int[] sliced = x.shape().dims();
        sliced[axis] = count;
        slice.output(0).setShape(Shape.of(sliced));
        slice.output(0).setDtype(x.dtype());
        return slice.output(0);
    }
}

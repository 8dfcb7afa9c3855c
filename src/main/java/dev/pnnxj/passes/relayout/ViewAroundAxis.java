package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;

/**
 * An op above four ncnn dims that works along one axis only sees the axes before it and after it
 * as rows and columns, so it runs on the [1, before, axis, after] view of its tensors:
 *
 * <pre>
 *   y.. = Op(x..){axis=a}, Op in Split, Concat, Slice (one axis), Softmax, LogSoftmax; some x or y
 *   above 4 ncnn dims
 *     ⇒  y.. = Reshape(Op(Reshape(x.., [1, before a, dim a, after a])..){axis=2}, shape of y..)
 * </pre>
 *
 * Neighbouring Reshapes then merge (MergeConsecutive), so the high-rank tensors vanish.
 */
public final class ViewAroundAxis extends RewritePass<ViewAroundAxis.Match> {
    /** The axis each op works along, as a non-negative IR axis of its first input, or -1 when it cannot say. */
    private static final Map<String, Function<Node, Integer>> AXIS = Map.of(
            "Split", ViewAroundAxis::attrAxis,
            "Concat", ViewAroundAxis::attrAxis,
            "Softmax", ViewAroundAxis::attrAxis,
            "LogSoftmax", ViewAroundAxis::attrAxis,
            "Slice", ViewAroundAxis::sliceAxis);

    /** The node and the axis it works along. */
    record Match(Node node, int axis) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        Function<Node, Integer> axisOf = AXIS.get(n.op());
        if (axisOf == null || !AxisRuns.shapesKnown(n) || !aboveMax(n)) {
            return Optional.empty();
        }
        int axis = axisOf.apply(n);
        return axis < 0 ? Optional.empty() : Optional.of(new Match(n, axis));
    }

    @Override
    public void apply(Graph g, Match m) {
        reView(g, m.node(), m.axis());
    }

    private static boolean aboveMax(Node n) {
        return n.outputs().stream().anyMatch(AxisRuns::aboveMax)
                || data(n).stream().anyMatch(AxisRuns::aboveMax);
    }

    /** The inputs the op moves: all of Concat's, the first of the others (the rest are parameters). */
    private static List<Value> data(Node n) {
        return n.op().equals("Concat") ? n.inputs() : List.of(n.input(0));
    }

    private static int attrAxis(Node n) {
        return n.input(0).shape().axis(n.getInt("axis", n.op().equals("Softmax") || n.op().equals("LogSoftmax")
                ? -1 : 0));
    }

    private static int sliceAxis(Node n) {
        Value starts = n.input(1);
        Value axes = n.inputs().size() > 3 ? n.input(3) : null;
        if (starts == null || !starts.isConstant() || starts.constant().numel() != 1) {
            return -1;
        }
        if (axes == null) {
            return 0;
        }
        return axes.isConstant() ? n.input(0).shape().axis(axes.constant().toLongs()[0]) : -1;
    }

    private static void reView(Graph g, Node n, int axis) {
        int dataCount = data(n).size();
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            Value v = n.input(i);
            inputs.add(i < dataCount ? AxisRuns.view(g, n.name() + "_in" + i, v, AxisRuns.aroundAxis(v.shape(), axis))
                    : v);
        }
        if (n.op().equals("Slice")) {
            // data, starts, ends, then the one axis as 2, then steps if given
            List<Value> slice = new ArrayList<>(List.of(inputs.get(0), n.input(1), n.input(2),
                    g.constant(n.name() + "_axes", Tensor.ofLongs(Shape.of(1), 2))));
            if (n.inputs().size() > 4 && n.input(4) != null) {
                slice.add(n.input(4));
            }
            inputs = slice;
        }
        List<String> names = new ArrayList<>();
        for (Value y : n.outputs()) {
            names.add(y.name() + "_view");
        }
        Node op = g.addNode(n.op(), n.name() + "_view", inputs, names);
        op.attrs().putAll(n.attrs());
        if (!n.op().equals("Slice")) {
            op.set("axis", 2L);
        }
        List<Value> outputs = List.copyOf(n.outputs());
        for (int i = 0; i < outputs.size(); i++) {
            op.output(i).setShape(AxisRuns.aroundAxis(outputs.get(i).shape(), axis));
            op.output(i).setDtype(outputs.get(i).dtype());
        }
        g.removeNode(n);
        for (int i = 0; i < outputs.size(); i++) {
            AxisRuns.viewInto(g, n.name() + "_out" + i, op.output(i), outputs.get(i));
        }
    }
}

package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An elementwise op above four ncnn dims does not care how its tensors are shaped, only which axes
 * each operand broadcasts along, so it runs on a view of at most four axes:
 *
 * <pre>
 *   y = Op(x, params..), Op unary (activations, math functions; Clip's bounds are parameters), y above 4 dims
 *     ⇒  y = Reshape(Op(Reshape(x, [1, numel]), params..), shape of y)
 *   y = Op(a, b), Op in Add, Sub, Mul, Div, Max, Min, y above 4 dims
 *     ⇒  y = Reshape(Op(Reshape(a, [1, runs of a]), Reshape(b, [1, runs of b])), shape of y)
 * </pre>
 *
 * where the runs merge adjacent axes along which every operand is either whole or broadcast (Swin's
 * shifted-window mask [1,4,1,16,16] added to the scores [2,4,2,16,16] runs as [1,4,1,256] and
 * [2,4,2,256]); a one-element operand is a [1]. An op whose runs still exceed four axes is left alone.
 */
public final class FlattenElementwise extends RewritePass<FlattenElementwise.Match> {
    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "Gelu", "Erf", "Swish", "HardSwish",
            "Mish", "LeakyRelu", "Elu", "HardSigmoid", "Softplus", "Clip", "Abs", "Neg", "Sqrt", "Exp", "Log",
            "Reciprocal", "Floor", "Ceil", "Round", "Sin", "Cos");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Max", "Min");

    /** The node, how many of its inputs are data, and the views of those and of its result. */
    record Match(Node node, int data, List<int[]> runs) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (n.outputs().size() != 1 || !AxisRuns.shapesKnown(n) || !AxisRuns.aboveMax(n.output(0))
                || !UNARY.contains(n.op()) && !BINARY.contains(n.op())) {
            return Optional.empty();
        }
        int data = UNARY.contains(n.op()) ? 1 : n.inputs().size();
        List<int[]> runs = runs(n, data);
        return runs == null ? Optional.empty() : Optional.of(new Match(n, data, runs));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.node();
        List<int[]> runs = m.runs();
        Value y = n.output(0);
        List<Value> inputs = new ArrayList<>(n.inputs());
        for (int i = 0; i < m.data(); i++) {
            Value v = inputs.get(i);
            inputs.set(i, v.shape().numel() == 1 ? AxisRuns.view(g, n.name() + "_scalar" + i, v, Shape.of(1))
                    : AxisRuns.view(g, n.name() + "_flat" + i, v, Shape.of(runs.get(i))));
        }
        Node op = g.addNode(n.op(), n.name() + "_flat", inputs, List.of(y.name() + "_flat"));
        op.attrs().putAll(n.attrs());
        op.output(0).setShape(Shape.of(runs.get(m.data())));
        op.output(0).setDtype(y.dtype());
        g.removeNode(n);
        AxisRuns.viewInto(g, n.name(), op.output(0), y);
    }

    /**
     * Each data operand's view and then the result's, [1, merged axes..]; null when the merged axes
     * do not fit ncnn. Axes of the result of size 1 drop out; adjacent axes merge while every
     * operand (numpy-aligned to the result) is whole along both or 1 along both.
     */
    private static List<int[]> runs(Node n, int data) {
        int[] out = n.output(0).shape().dims();
        List<int[]> aligned = new ArrayList<>();
        for (int i = 0; i < data; i++) {
            int[] d = n.input(i).shape().dims();
            if (n.input(i).shape().numel() == 1) {
                aligned.add(null);
                continue;
            }
            int[] a = new int[out.length];
            Arrays.fill(a, 1);
            System.arraycopy(d, 0, a, out.length - d.length, d.length);
            aligned.add(a);
        }
        List<List<Integer>> groups = new ArrayList<>();
        String last = null;
        for (int k = 0; k < out.length; k++) {
            if (out[k] == 1) {
                continue;
            }
            StringBuilder pattern = new StringBuilder();
            for (int[] a : aligned) {
                pattern.append(a == null ? '-' : a[k] == out[k] ? 'w' : '1');
            }
            if (pattern.toString().equals(last)) {
                groups.get(groups.size() - 1).add(k);
            } else {
                groups.add(new ArrayList<>(List.of(k)));
                last = pattern.toString();
            }
        }
        if (groups.size() > AxisRuns.MAX_DIMS) {
            return null;
        }
        List<int[]> views = new ArrayList<>();
        for (int i = 0; i <= data; i++) {
            int[] dims = i == data ? out : aligned.get(i);
            int[] view = new int[groups.size() + 1];
            view[0] = 1;
            for (int gi = 0; gi < groups.size(); gi++) {
                int size = 1;
                for (int k : groups.get(gi)) {
                    size *= dims == null ? 1 : dims[k];
                }
                view[gi + 1] = size;
            }
            views.add(view);
        }
        return views;
    }
}

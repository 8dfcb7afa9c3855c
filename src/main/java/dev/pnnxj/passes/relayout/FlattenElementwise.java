package dev.pnnxj.passes.relayout;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An elementwise op above four ncnn dims does not care how its tensors are shaped, so it runs on
 * their flat [1, numel] view:
 *
 * <pre>
 *   y = Op(x, params..), Op unary (activations, math functions; Clip's bounds are parameters), y above 4 dims
 *     ⇒  y = Reshape(Op(Reshape(x, [1, numel]), params..), shape of y)
 *   y = Op(a, b), Op in Add, Sub, Mul, Div, Max, Min, each operand of y's shape or a one-element constant
 *     ⇒  y = Reshape(Op(Reshape(a, [1, numel]) or a as [1], ..), shape of y)
 * </pre>
 *
 * An operand broadcast along some axes is left alone (a flat view would lose which ones).
 */
public final class FlattenElementwise extends RewritePass<Node> {
    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "Gelu", "Erf", "Swish", "HardSwish",
            "Mish", "LeakyRelu", "Elu", "HardSigmoid", "Softplus", "Clip", "Abs", "Neg", "Sqrt", "Exp", "Log",
            "Reciprocal", "Floor", "Ceil", "Round", "Sin", "Cos");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Max", "Min");

    @Override
    public Optional<Node> match(Graph g, Node n) {
        boolean fits = n.outputs().size() == 1 && AxisRuns.shapesKnown(n) && AxisRuns.aboveMax(n.output(0))
                && (UNARY.contains(n.op()) || BINARY.contains(n.op()) && operandsFit(n));
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        Value y = n.output(0);
        Shape flat = Shape.of(1, (int) y.shape().numel());
        List<Value> inputs = new ArrayList<>(n.inputs());
        int data = UNARY.contains(n.op()) ? 1 : inputs.size();
        for (int i = 0; i < data; i++) {
            Value v = inputs.get(i);
            inputs.set(i, v.shape().numel() == 1 ? AxisRuns.view(g, n.name() + "_scalar" + i, v, Shape.of(1))
                    : AxisRuns.view(g, n.name() + "_flat" + i, v, flat));
        }
        Node op = g.addNode(n.op(), n.name() + "_flat", inputs, List.of(y.name() + "_flat"));
        op.attrs().putAll(n.attrs());
        op.output(0).setShape(flat);
        op.output(0).setDtype(y.dtype());
        g.removeNode(n);
        AxisRuns.viewInto(g, n.name(), op.output(0), y);
    }

    private static boolean operandsFit(Node n) {
        Shape out = n.output(0).shape();
        for (Value v : n.inputs()) {
            boolean whole = v.shape().equals(out);
            boolean scalar = v.isConstant() && v.shape().numel() == 1;
            if (!whole && !scalar) {
                return false;
            }
        }
        return true;
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Where whose condition is a constant, such as the causal mask of {@code scores.masked_fill(mask,
 * -inf)}, becomes a multiply by the mask and an add of the constant branch, which ncnn's BinaryOp
 * runs (ncnn has no select layer). The constant parts are left to {@link FoldConstants}.
 *
 * <pre>
 *   y = Where(c, x, k), c and k constant, x data  ⇒  y = x * Where(c, 1, 0) + Where(c, 0, k)
 *   y = Where(c, k, x)                             ⇒  y = x * Where(c, 0, 1) + Where(c, k, 0)
 *   y = Where(c, x, z), x and z data               ⇒  y = x * Where(c, 1, 0) + z * Where(c, 0, 1)
 *   when y is floating point
 * </pre>
 *
 * Exact for finite data: a masked-out element is multiplied by 0, so an infinite or NaN value
 * there would turn the result into NaN where Where would have dropped it.
 */
public final class RewriteConstantWhere extends RewritePass<Node> {

    @Override
    public Optional<Node> match(Graph g, Node n) {
        boolean fits = n.op().equals("Where") && n.input(0).isConstant()
                && !(n.input(1).isConstant() && n.input(2).isConstant())
                && n.output(0).dtype() != null && n.output(0).dtype().isFloating();
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        DType t = n.output(0).dtype();
        Value c = n.input(0);
        Value x = n.input(1);
        Value z = n.input(2);
        String name = n.name();
        Value zero = scalar(g, name + "_zero", t, 0);
        Value one = scalar(g, name + "_one", t, 1);
        Value fromX = x.isConstant() ? where(g, name + "_x", c, x, zero)
                : mul(g, name + "_x", x, where(g, name + "_keep_x", c, one, zero));
        Value fromZ = z.isConstant() ? where(g, name + "_z", c, zero, z)
                : mul(g, name + "_z", z, where(g, name + "_keep_z", c, zero, one));
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        g.addNodeWithOutputs("Add", name, List.of(fromX, fromZ), outputs);
    }

    private static Value scalar(Graph g, String name, DType t, double v) {
        return g.constant(name, Tensor.ofDoubles(t, Shape.SCALAR, v));
    }

    private static Value where(Graph g, String name, Value c, Value a, Value b) {
        return g.addNode("Where", name, List.of(c, a, b), List.of(name)).output(0);
    }

    private static Value mul(Graph g, String name, Value a, Value b) {
        return g.addNode("Mul", name, List.of(a, b), List.of(name)).output(0);
    }
}

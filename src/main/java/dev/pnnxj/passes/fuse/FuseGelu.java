package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the two spelled-out GELU forms into one Gelu op (ONNX opset 20's, attribute
 * {@code approximate}), which ncnn runs as one GELU layer.
 *
 * <pre>
 *   0.5 * x * Add(1, Erf(x / 1.4142135))                                   ⇒   Gelu(x)
 *   0.5 * x * Add(1, Tanh(0.7978846 * Add(x, 0.044715 * x * x * x)))       ⇒   Gelu(x, approximate="tanh")
 *   (each product may be any tree of Mul, Div by a constant and Pow(x, 3) with operands in any order,
 *    x / 1.4142135 may be x * 0.70710677, Add operands in either order; every absorbed
 *    intermediate must have no other reader)
 * </pre>
 */
public final class FuseGelu extends RewritePass<Rewrite.Match> {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double CUBIC = 0.044715;

    @Override
    public Optional<Rewrite.Match> match(Graph g, Node root) {
        Product p = Product.of(g, root);
        if (p == null || !p.scaleIs(0.5) || p.factors().size() != 2) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Value x = p.factors().get(side);
            Value onePlus = p.factors().get(1 - side);
            Node add = onePlus.producer();
            Value t = Rewrite.otherThanScalar(add, "Add", 1);
            if (x.isConstant() || t == null || !Rewrite.internal(g, onePlus) || !Rewrite.internal(g, t)
                    || t.producer() == null) {
                continue;
            }
            List<Node> nodes = new ArrayList<>(p.nodes());
            nodes.add(add);
            nodes.add(t.producer());
            String form = switch (t.producer().op()) {
                case "Erf" -> erfArgument(g, t.producer(), x, nodes) ? "none" : null;
                case "Tanh" -> tanhArgument(g, t.producer(), x, nodes) ? "tanh" : null;
                default -> null;
            };
            if (form != null) {
                return Optional.of(new Rewrite.Match(root, x, nodes, Map.of("approximate", form)));
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, Rewrite.Match m) {
        Rewrite.fuse(g, "Gelu", m);
    }

    /** Whether erf reads x / sqrt(2); adds the nodes computing it. */
    private static boolean erfArgument(Graph g, Node erf, Value x, List<Node> nodes) {
        Product u = scaled(g, erf, 0, x, SQRT_HALF, 1);
        if (u == null) {
            return false;
        }
        nodes.addAll(u.nodes());
        return true;
    }

    /** Whether tanh reads sqrt(2/pi) * (x + 0.044715 x^3); adds the nodes computing it. */
    private static boolean tanhArgument(Graph g, Node tanh, Value x, List<Node> nodes) {
        Value inner = tanh.input(0);
        Product outer = Product.ofValue(g, inner, tanh);
        if (!outer.scaleIs(SQRT_2_OVER_PI) || outer.factors().size() != 1 || outer.nodes().isEmpty()) {
            return false;
        }
        Value sum = outer.factors().get(0);
        Node add = Rewrite.producer(sum, "Add");
        if (add == null || !Rewrite.internal(g, sum)) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Product cube = add.input(side) == x ? scaled(g, add, 1 - side, x, CUBIC, 3) : null;
            if (cube != null) {
                nodes.addAll(outer.nodes());
                nodes.add(add);
                nodes.addAll(cube.nodes());
                return true;
            }
        }
        return false;
    }

    /** The given input of {@code reader} as a product c * x^power, or null when it is not one. */
    private static Product scaled(Graph g, Node reader, int input, Value x, double c, int power) {
        Value v = reader.input(input);
        if (!Rewrite.soleReader(g, v, reader)) {
            return null;
        }
        Product p = Product.ofValue(g, v, reader);
        boolean fits = !p.nodes().isEmpty() && p.scaleIs(c) && p.factors().size() == power
                && p.factors().stream().allMatch(f -> f == x);
        return fits ? p : null;
    }
}

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
 * Where becomes multiplies by the condition and an add, which ncnn's BinaryOp runs (ncnn has no
 * select layer). A constant condition, such as the causal mask of {@code scores.masked_fill(mask,
 * -inf)}, gives constant 0/1 factors that {@link FoldConstants} folds:
 *
 * <pre>
 *   y = Where(c, x, k), c and k constant, x data  ⇒  y = x * Where(c, 1, 0) + Where(c, 0, k)
 *   y = Where(c, k, x)                             ⇒  y = x * Where(c, 0, 1) + Where(c, k, 0)
 *   y = Where(c, x, z), x and z data               ⇒  y = x * Where(c, 1, 0) + z * Where(c, 0, 1)
 *   when y is floating point
 * </pre>
 *
 * A condition computed from the data (x &gt; 0.5) becomes the factors Cast(c) and Cast(Not(c)),
 * which ncnn holds as 0/1 blobs; a branch that is the constant 0 drops its term, and a constant
 * branch filled with one value (torch.zeros_like(x) - 1) becomes that number when the condition
 * has the result's shape:
 *
 * <pre>
 *   y = Where(c, x, z), c data, y float32  ⇒  y = x * Cast(c) + z * Cast(Not(c))
 * </pre>
 *
 * Exact for finite values: a masked-out element is multiplied by 0, so an infinite or NaN value
 * there would turn the result into NaN where Where would have dropped it. A constant branch
 * holding inf or NaN next to a data condition is therefore left alone (and reported unsupported).
 */
public final class RewriteWhere extends RewritePass<Node> {
    /** ONNX's code for float32, Cast's {@code to}. */
    private static final long ONNX_FLOAT = 1;

    private final boolean data;

    private RewriteWhere(boolean data) {
        this.data = data;
    }

    /** Rewrites the Wheres with a constant condition (run with constant folding, first). */
    public static RewriteWhere constantConditions() {
        return new RewriteWhere(false);
    }

    /** Rewrites the Wheres with a data condition (run after the fusions that match selects). */
    public static RewriteWhere dataConditions() {
        return new RewriteWhere(true);
    }

    @Override
    public Optional<Node> match(Graph g, Node n) {
        if (!n.op().equals("Where") || n.output(0).dtype() == null || !n.output(0).dtype().isFloating()
                || n.input(0).isConstant() == data) {
            return Optional.empty();
        }
        Value x = n.input(1);
        Value z = n.input(2);
        boolean fits = data ? n.output(0).dtype() == DType.FLOAT32 && n.input(0).dtype() == DType.BOOL
                && finite(x) && finite(z) && !(isZero(x) && isZero(z))
                : !(x.isConstant() && z.isConstant());
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        if (data) {
            dataCondition(g, n);
        } else {
            constantCondition(g, n);
        }
    }

    private static void constantCondition(Graph g, Node n) {
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
        replace(g, n, "Add", List.of(fromX, fromZ));
    }

    private static void dataCondition(Graph g, Node n) {
        Value c = n.input(0);
        Value x = n.input(1);
        Value z = n.input(2);
        String name = n.name();
        if (c.shape() != null && c.shape().equals(n.output(0).shape())) {
            // the condition alone gives the result's shape, so a filled constant branch can be one number
            x = uniformAsScalar(g, name + "_x_value", x);
            z = uniformAsScalar(g, name + "_z_value", z);
        }
        Value[] keepDrop = keepAndDrop(g, name, c, !isZero(z));
        List<Value> terms = new ArrayList<>();
        if (!isZero(x)) {
            terms.add(mul(g, name + "_x", x, cast(g, name + "_keep_x", keepDrop[0])));
        }
        if (!isZero(z)) {
            terms.add(mul(g, name + "_z", z, cast(g, name + "_keep_z", keepDrop[1])));
        }
        // match refused two zero branches, so there is a term
        replace(g, n, terms.size() == 1 ? "Identity" : "Add", terms);
    }

    /**
     * c and Not(c). A non-strict comparison is negated once rather than twice: for c = (a >= b)
     * the pair is (Not(a < b), a < b), which ncnn runs in one layer fewer than (c, Not(c)); for
     * c = Not(d) it is (c, d). Not(c) is made only when {@code needDrop}.
     */
    private static Value[] keepAndDrop(Graph g, String name, Value c, boolean needDrop) {
        Node p = c.producer();
        String op = p == null ? "" : p.op();
        if (op.equals("Not")) {
            return new Value[] {c, p.input(0)};
        }
        String strict = op.equals("GreaterOrEqual") ? "Less" : op.equals("LessOrEqual") ? "Greater" : null;
        if (strict != null && needDrop) {
            Value s = g.addNode(strict, name + "_strict", p.inputs(), List.of(name + "_strict")).output(0);
            return new Value[] {not(g, name + "_keep", s), s};
        }
        return new Value[] {c, needDrop ? not(g, name + "_not", c) : null};
    }

    private static Value not(Graph g, String name, Value c) {
        return g.addNode("Not", name, List.of(c), List.of(name)).output(0);
    }

    private static void replace(Graph g, Node n, String op, List<Value> in) {
        List<Value> outputs = new ArrayList<>(n.outputs());
        String name = n.name();
        g.removeNode(n);
        g.addNodeWithOutputs(op, name, in, outputs);
    }

    private static boolean finite(Value v) {
        if (!v.isConstant()) {
            return true;
        }
        for (double d : v.constant().toDoubles()) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    /** A constant whose elements are all equal, as a one-element constant; v itself otherwise. */
    private static Value uniformAsScalar(Graph g, String name, Value v) {
        if (!v.isConstant() || v.constant().numel() <= 1) {
            return v;
        }
        double[] d = v.constant().toDoubles();
        for (double e : d) {
            if (e != d[0]) {
                return v;
            }
        }
        return scalar(g, name, v.constant().dtype(), d[0]);
    }

    private static boolean isZero(Value v) {
        if (!v.isConstant()) {
            return false;
        }
        for (double d : v.constant().toDoubles()) {
            if (d != 0) {
                return false;
            }
        }
        return true;
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

    private static Value cast(Graph g, String name, Value c) {
        return g.addNode("Cast", name, List.of(c), List.of(name)).set("to", ONNX_FLOAT).output(0);
    }
}

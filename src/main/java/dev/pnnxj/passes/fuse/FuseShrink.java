package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds PyTorch's exported hardshrink and softshrink back into ONNX Shrink, one ncnn layer
 * instead of comparisons and selects:
 *
 * <pre>
 *   Where(Or(Greater(x, l), Less(x, -l)), x, 0)                          ⇒  Shrink(x, lambd=l, bias=0)
 *   Add(Where(Greater(x, l), Sub(x, l), 0), Where(Less(x, -l), Add(x, l), 0))  ⇒  Shrink(x, lambd=l, bias=l)
 *   (either operand order of Or and Add; every inner value read only by the pattern)
 * </pre>
 */
public final class FuseShrink extends RewritePass<Rewrite.Match> {

    @Override
    public Optional<Rewrite.Match> match(Graph g, Node root) {
        return Optional.ofNullable(root.op().equals("Where") ? hard(g, root)
                : root.op().equals("Add") ? soft(g, root) : null);
    }

    @Override
    public void apply(Graph g, Rewrite.Match m) {
        Rewrite.fuse(g, "Shrink", m);
    }

    private static Rewrite.Match hard(Graph g, Node where) {
        Value x = where.input(1);
        Node or = Rewrite.producer(where.input(0), "Or");
        if (!Rewrite.isScalar(where.input(2), 0) || or == null || !Rewrite.soleReader(g, where.input(0), where)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Node gt = bound(g, or.input(side), or, "Greater", x);
            Node lt = bound(g, or.input(1 - side), or, "Less", x);
            if (gt != null && lt != null && Rewrite.isScalar(lt.input(1), -lambd(gt))) {
                return new Rewrite.Match(where, x, List.of(where, or, gt, lt),
                        Map.of("lambd", (float) lambd(gt), "bias", 0f));
            }
        }
        return null;
    }

    private static Rewrite.Match soft(Graph g, Node add) {
        for (int side = 0; side < 2; side++) {
            Node upper = Rewrite.producer(add.input(side), "Where");
            Node lower = Rewrite.producer(add.input(1 - side), "Where");
            if (upper == null || lower == null || !Rewrite.soleReader(g, upper.output(0), add)
                    || !Rewrite.soleReader(g, lower.output(0), add)
                    || !Rewrite.isScalar(upper.input(2), 0) || !Rewrite.isScalar(lower.input(2), 0)) {
                continue;
            }
            Node sub = Rewrite.producer(upper.input(1), "Sub");
            Node plus = Rewrite.producer(lower.input(1), "Add");
            if (sub == null || plus == null || !Rewrite.soleReader(g, upper.input(1), upper)
                    || !Rewrite.soleReader(g, lower.input(1), lower)) {
                continue;
            }
            Value x = sub.input(0);
            Node gt = bound(g, upper.input(0), upper, "Greater", x);
            Node lt = bound(g, lower.input(0), lower, "Less", x);
            if (gt == null || lt == null) {
                continue;
            }
            double l = lambd(gt);
            if (Rewrite.isScalar(sub.input(1), l) && plus.input(0) == x && Rewrite.isScalar(plus.input(1), l)
                    && Rewrite.isScalar(lt.input(1), -l)) {
                return new Rewrite.Match(add, x, List.of(add, upper, lower, sub, plus, gt, lt),
                        Map.of("lambd", (float) l, "bias", (float) l));
            }
        }
        return null;
    }

    /** The {@code op}(x, scalar) node producing c, read only by {@code reader}, or null. */
    private static Node bound(Graph g, Value c, Node reader, String op, Value x) {
        Node n = Rewrite.producer(c, op);
        return n != null && n.input(0) == x && Rewrite.scalar(n.input(1)) != null && Rewrite.soleReader(g, c, reader)
                ? n : null;
    }

    private static double lambd(Node greater) {
        return Rewrite.scalar(greater.input(1));
    }
}

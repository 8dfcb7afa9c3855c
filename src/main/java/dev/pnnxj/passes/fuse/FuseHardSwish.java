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
 * Folds the spelled-out forms of hard-swish, x * relu6(x + 3) / 6, into one HardSwish op. Exporters
 * emit it as HardSigmoid + Mul (torch at opsets before 14) or, for hand-written activations, from
 * Add, Clip and a division by 6 (or a multiplication by 1/6) in either order.
 *
 * <pre>
 *   Mul(x, HardSigmoid(x, alpha=1/6, beta=0.5))          ⇒   HardSwish(x)
 *   Mul(x, Div(Clip(Add(x, 3), 0, 6), 6))                ⇒   HardSwish(x)
 *   Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6)                ⇒   HardSwish(x)
 *   (Mul by 1/6 may stand for Div by 6; Mul and Add operands in either order;
 *    every absorbed intermediate must have no other reader)
 * </pre>
 */
public final class FuseHardSwish extends RewritePass<Rewrite.Match> {
    private static final double SIXTH = 1.0 / 6;

    /** The x of a partial match and the nodes, besides its reader, that it absorbs. */
    private record Part(Value x, List<Node> absorbed) {
    }

    @Override
    public Optional<Rewrite.Match> match(Graph g, Node n) {
        Part m = hardSwish(g, n);
        return m == null ? Optional.empty()
                : Optional.of(new Rewrite.Match(n, m.x(), concat(n, m.absorbed()), Map.of()));
    }

    @Override
    public void apply(Graph g, Rewrite.Match m) {
        Rewrite.fuse(g, "HardSwish", m);
    }

    private static Part hardSwish(Graph g, Node n) {
        Value scaled = sixthOf(n);
        Node mul = Rewrite.producer(scaled, "Mul");
        if (mul != null && Rewrite.soleReader(g, scaled, n)) {
            for (int side = 0; side < 2; side++) {
                Part r = relu6OfXPlus3(g, mul.input(side), mul);
                if (r != null && r.x() == mul.input(1 - side)) {
                    return new Part(r.x(), concat(mul, r.absorbed()));
                }
            }
        }
        if (n.op().equals("Mul")) {
            for (int side = 0; side < 2; side++) {
                Part h = hardSigmoid(g, n.input(side), n);
                if (h != null && h.x() == n.input(1 - side)) {
                    return h;
                }
            }
        }
        return null;
    }

    /** v = relu6(x + 3) / 6 in any of its spellings, read only by {@code reader}. */
    private static Part hardSigmoid(Graph g, Value v, Node reader) {
        if (v == null || !Rewrite.soleReader(g, v, reader)) {
            return null;
        }
        Node hs = Rewrite.producer(v, "HardSigmoid");
        if (hs != null) {
            boolean fits = Math.abs(hs.getFloat("alpha", 0.2f) - SIXTH) <= 1e-6
                    && Math.abs(hs.getFloat("beta", 0.5f) - 0.5) <= 1e-6;
            return fits ? new Part(hs.input(0), List.of(hs)) : null;
        }
        Node div = v.producer();
        if (div == null) {
            return null;
        }
        Part r = relu6OfXPlus3(g, sixthOf(div), div);
        return r == null ? null : new Part(r.x(), concat(div, r.absorbed()));
    }

    /** v = Clip(Add(x, 3), 0, 6), read only by {@code reader}. */
    private static Part relu6OfXPlus3(Graph g, Value v, Node reader) {
        Node clip = Rewrite.producer(v, "Clip");
        if (clip == null || !Rewrite.soleReader(g, v, reader) || !Rewrite.isScalar(clip.input(1), 0)
                || !Rewrite.isScalar(clip.input(2), 6)) {
            return null;
        }
        Value sum = clip.input(0);
        Node add = Rewrite.producer(sum, "Add");
        if (add == null || !Rewrite.soleReader(g, sum, clip)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            if (Rewrite.isScalar(add.input(1 - side), 3) && !add.input(side).isConstant()) {
                return new Part(add.input(side), List.of(clip, add));
            }
        }
        return null;
    }

    /** The u of a node computing u / 6 or u * (1/6), else null. */
    private static Value sixthOf(Node n) {
        if (n.op().equals("Div") && Rewrite.isScalar(n.input(1), 6)) {
            return n.input(0);
        }
        if (n.op().equals("Mul")) {
            for (int side = 0; side < 2; side++) {
                if (Rewrite.isScalar(n.input(side), SIXTH)) {
                    return n.input(1 - side);
                }
            }
        }
        return null;
    }

    private static List<Node> concat(Node first, List<Node> rest) {
        List<Node> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}

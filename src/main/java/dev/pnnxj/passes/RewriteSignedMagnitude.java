package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PyTorch's LPPool ends with {@code sign(s) * relu(abs(s))}, which is s itself (also for 0 and
 * NaN); ncnn has no Sign, so the product is dropped rather than lowered.
 *
 * <pre>
 *   y = Mul(Sign(x), Relu(Abs(x)))  (either order)
 *     ⇒  y = Identity(x)            (RemoveIdentity then drops it)
 * </pre>
 */
public final class RewriteSignedMagnitude extends RewritePass<RewriteSignedMagnitude.Match> {

    /** The Mul and the x it reproduces. */
    record Match(Node mul, Value x) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("Mul") || n.inputs().size() != 2) {
            return Optional.empty();
        }
        Value x = signedMagnitudeOf(n.input(0), n.input(1));
        if (x == null) {
            x = signedMagnitudeOf(n.input(1), n.input(0));
        }
        return x == null ? Optional.empty() : Optional.of(new Match(n, x));
    }

    @Override
    public void apply(Graph g, Match m) {
        List<Value> outputs = new ArrayList<>(m.mul().outputs());
        g.removeNode(m.mul());
        g.addNodeWithOutputs("Identity", m.mul().name(), List.of(m.x()), outputs);
    }

    /** x when sign is Sign(x) and magnitude is Relu(Abs(x)), else null. */
    private static Value signedMagnitudeOf(Value sign, Value magnitude) {
        Node s = sign.producer();
        Node relu = magnitude.producer();
        if (s == null || relu == null || !s.op().equals("Sign") || !relu.op().equals("Relu")) {
            return null;
        }
        Node abs = relu.input(0).producer();
        return abs != null && abs.op().equals("Abs") && abs.input(0) == s.input(0) ? s.input(0) : null;
    }
}

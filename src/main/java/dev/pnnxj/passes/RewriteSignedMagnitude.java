package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's LPPool ends with {@code sign(s) * relu(abs(s))}, which is s itself (also for 0 and
 * NaN); ncnn has no Sign, so the product is dropped rather than lowered.
 *
 * <pre>
 *   y = Mul(Sign(x), Relu(Abs(x)))  (either order)
 *     ⇒  y = Identity(x)            (RemoveIdentity then drops it)
 * </pre>
 */
public final class RewriteSignedMagnitude implements Pass {

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!n.op().equals("Mul") || n.inputs().size() != 2) {
                continue;
            }
            Value x = signedMagnitudeOf(n.input(0), n.input(1));
            if (x == null) {
                x = signedMagnitudeOf(n.input(1), n.input(0));
            }
            if (x == null) {
                continue;
            }
            List<Value> outputs = new ArrayList<>(n.outputs());
            g.removeNode(n);
            g.addNodeWithOutputs("Identity", n.name(), List.of(x), outputs);
            changed = true;
        }
        return changed;
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

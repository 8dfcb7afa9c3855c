package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the SiLU pattern into one Swish op (x * sigmoid(x)), which ncnn runs as one layer.
 *
 * <pre>
 *   s = Sigmoid(x); y = Mul(x, s)   or   Mul(s, x)      ⇒   y = Swish(x)
 *   when s has no reader but the Mul
 * </pre>
 */
public final class FuseSwish extends RewritePass<Rewrite.Match> {

    @Override
    public Optional<Rewrite.Match> match(Graph g, Node mul) {
        if (!mul.op().equals("Mul")) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Value s = mul.input(side);
            Value x = mul.input(1 - side);
            Node sigmoid = Rewrite.producer(s, "Sigmoid");
            if (sigmoid != null && sigmoid.input(0) == x && Rewrite.soleReader(g, s, mul)) {
                return Optional.of(new Rewrite.Match(mul, x, List.of(mul, sigmoid), Map.of()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, Rewrite.Match m) {
        Rewrite.fuse(g, "Swish", m);
    }
}

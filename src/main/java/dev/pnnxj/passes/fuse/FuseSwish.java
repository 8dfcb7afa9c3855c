package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.Pass;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the SiLU pattern into one Swish op (x * sigmoid(x)), which ncnn runs as one layer.
 *
 * <pre>
 *   s = Sigmoid(x); y = Mul(x, s)   or   Mul(s, x)      ⇒   y = Swish(x)
 *   when s has no reader but the Mul
 * </pre>
 */
public final class FuseSwish implements Pass {

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node mul : new ArrayList<>(g.nodes())) {
            if (!mul.op().equals("Mul")) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Value s = mul.input(side);
                Value x = mul.input(1 - side);
                Node sigmoid = Rewrite.producer(s, "Sigmoid");
                if (sigmoid != null && sigmoid.input(0) == x && Rewrite.soleReader(g, s, mul)) {
                    Rewrite.replace(g, mul, List.of(sigmoid), "Swish", mul.name(), List.of(x));
                    changed = true;
                    break;
                }
            }
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
    }
}

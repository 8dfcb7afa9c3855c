package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds x * tanh(softplus(x)) into one Mish op (ONNX opset 18's), which ncnn runs as one layer.
 *
 * <pre>
 *   Mul(x, Tanh(Softplus(x)))   or   Mul(Tanh(Softplus(x)), x)      ⇒   Mish(x)
 *   when Softplus and Tanh have no reader but the pattern
 * </pre>
 */
public final class FuseMish extends RewritePass<Rewrite.Match> {

    @Override
    public Optional<Rewrite.Match> match(Graph g, Node mul) {
        if (!mul.op().equals("Mul")) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Value x = mul.input(side);
            Value t = mul.input(1 - side);
            Node tanh = Rewrite.producer(t, "Tanh");
            Node softplus = tanh == null ? null : Rewrite.producer(tanh.input(0), "Softplus");
            if (softplus != null && softplus.input(0) == x && Rewrite.soleReader(g, t, mul)
                    && Rewrite.soleReader(g, tanh.input(0), tanh)) {
                return Optional.of(new Rewrite.Match(mul, x, List.of(mul, tanh, softplus), Map.of()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, Rewrite.Match m) {
        Rewrite.fuse(g, "Mish", m);
    }
}

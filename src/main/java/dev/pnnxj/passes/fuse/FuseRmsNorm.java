package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Folds RMS normalisation spelled out in elementwise ops (LLaMA-style hand-written RMSNorm) into
 * ONNX's RMSNormalization (opset 23). Runs after FuseLayerNorm, whose pattern ends in the same
 * division and must win there.
 *
 * <pre>
 *   r = Sqrt(Add(ReduceMean(Pow(x, 2) or Mul(x, x), A, keepdims=1), eps))
 *   y = Div(x, r)   or   Mul(x, Reciprocal(r) or Div(1, r))      [then Mul(y, gamma)]   (operands in any order)
 *     A = the trailing axes k..r-1   ⇒   RMSNormalization(x, gamma, axis=k, epsilon=eps)
 *   gamma is a constant varying along A only (or a single value); without it the scale is ones.
 *   Every absorbed intermediate must have no other reader.
 * </pre>
 */
public final class FuseRmsNorm extends RewritePass<FuseRmsNorm.Match> {

    /**
     * The input x, the root (whose output the result takes over), every node replaced, gamma (null
     * for ones), the first reduced axis and eps.
     */
    record Match(Value x, Node root, List<Node> nodes, Tensor gamma, int first, float eps) {
    }

    @Override
    public Optional<Match> match(Graph g, Node y) {
        List<Node> nodes = new ArrayList<>(List.of(y));
        Value x;
        Value r;
        Node rReader = y;
        if (y.op().equals("Div")) {
            x = y.input(0);
            r = y.input(1);
        } else if (y.op().equals("Mul")) {
            int side = reciprocalOperand(y.input(1)) != null ? 1 : 0;
            r = reciprocalOperand(y.input(side));
            if (r == null || !Rewrite.soleReader(g, y.input(side), y)) {
                return Optional.empty();
            }
            rReader = y.input(side).producer();
            nodes.add(rReader);
            x = y.input(1 - side);
        } else {
            return Optional.empty();
        }
        Node sqrt = Rewrite.producer(r, "Sqrt");
        if (sqrt == null || !Rewrite.soleReader(g, r, rReader) || x.isConstant() || x.shape() == null) {
            return Optional.empty();
        }
        Node add = Rewrite.producer(sqrt.input(0), "Add");
        if (add == null || !Rewrite.soleReader(g, sqrt.input(0), sqrt)) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Double eps = Rewrite.scalar(add.input(side));
            Value ms = add.input(1 - side);
            Node mean = Rewrite.producer(ms, "ReduceMean");
            if (eps == null || mean == null || !Rewrite.soleReader(g, ms, add)) {
                continue;
            }
            Value sq = mean.input(0);
            Node square = sq.producer();
            boolean squares = square != null && (square.op().equals("Pow") && square.input(0) == x
                    && Rewrite.isScalar(square.input(1), 2)
                    || square.op().equals("Mul") && square.input(0) == x && square.input(1) == x);
            if (!squares || !Rewrite.soleReader(g, sq, mean)) {
                return Optional.empty();
            }
            boolean[] reduced = FuseLayerNorm.reducedAxes(mean, x.shape().rank());
            int first = reduced == null ? -1 : FuseLayerNorm.firstReduced(reduced);
            if (first < 0 || !FuseLayerNorm.allFrom(reduced, first)) {
                return Optional.empty();
            }
            nodes.addAll(List.of(sqrt, add, mean, square));
            // a gamma Mul after the root joins the pattern
            Node root = y;
            Tensor gamma = null;
            Value out = y.output(0);
            if (out.users().size() == 1 && !g.isOutput(out) && out.users().get(0).op().equals("Mul")) {
                Node mul = out.users().get(0);
                Value w = mul.input(0) == out ? mul.input(1) : mul.input(0);
                gamma = w.isConstant() ? FuseLayerNorm.perElementWeights(w.constant(), x.shape(), reduced) : null;
                if (gamma != null) {
                    root = mul;
                    nodes.add(mul);
                }
            }
            return Optional.of(new Match(x, root, nodes, gamma, first, (float) (double) eps));
        }
        return Optional.empty();
    }

    /** The r of v = Reciprocal(r) or v = Div(1, r) (torch.rsqrt's export), else null. */
    private static Value reciprocalOperand(Value v) {
        Node p = v.producer();
        if (p != null && p.op().equals("Reciprocal")) {
            return p.input(0);
        }
        return p != null && p.op().equals("Div") && Rewrite.isScalar(p.input(0), 1) ? p.input(1) : null;
    }

    @Override
    public void apply(Graph g, Match m) {
        Tensor gamma = m.gamma();
        if (gamma == null) {
            Shape xs = m.x().shape();
            int size = 1;
            for (int i = m.first(); i < xs.rank(); i++) {
                size *= xs.dim(i);
            }
            float[] ones = new float[size];
            Arrays.fill(ones, 1f);
            gamma = Tensor.ofFloats(Shape.of(size), ones);
        }
        List<Node> absorbed = new ArrayList<>(m.nodes());
        absorbed.remove(m.root());
        Value scale = g.constant(m.root().name() + "_gamma", gamma);
        Node rms = Rewrite.replace(g, m.root(), absorbed, "RMSNormalization", m.root().name(), List.of(m.x(), scale));
        rms.set("axis", m.first()).set("epsilon", m.eps());
    }
}

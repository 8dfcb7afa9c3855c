package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import dev.pnnxj.passes.shape.LayoutShapes;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Folds layer normalisation spelled out in elementwise ops (PyTorch's nn.LayerNorm below opset
 * 17, and the hand-written LayerNorm2d of ConvNeXt-style models) into ONNX's LayerNormalization.
 *
 * <pre>
 *   m = ReduceMean(x, A, keepdims=1); d = Sub(x, m)
 *   v = ReduceMean(Pow(d, 2) or Mul(d, d), A, keepdims=1)
 *   y = Div(d, Sqrt(Add(v, eps)))   [then Mul(y, gamma)   [then Add(.., beta)]]   (operands in any order)
 *     A = the trailing axes k..r-1               ⇒   LayerNormalization(x, gamma, beta, axis=k, epsilon=eps)
 *     A = one inner axis a (LayerNorm2d: a = 1)   ⇒   Transpose(a to last) → LayerNormalization(axis=-1) → Transpose back
 *   gamma and beta are constants that vary along A only (or are single values); without them the
 *   scale is ones and there is no bias. Every absorbed intermediate must have no other reader.
 * </pre>
 */
public final class FuseLayerNorm extends RewritePass<FuseLayerNorm.Match> {

    /** The matched statistics part: input, reduced axes, epsilon and the nodes up to the Div. */
    private record Normalized(Value x, boolean[] reduced, float eps, List<Node> nodes) {
    }

    /**
     * A whole match: the statistics, the root (whose output the result takes over), every node
     * replaced, gamma (or null for ones) and beta (or null), and whether A is the trailing axes.
     */
    record Match(Normalized n, Node root, List<Node> nodes, Tensor gamma, Tensor beta, boolean trailing) {
    }

    @Override
    public Optional<Match> match(Graph g, Node div) {
        Normalized n = div.op().equals("Div") ? normalized(g, div) : null;
        if (n == null) {
            return Optional.empty();
        }
        Shape xs = n.x().shape();
        List<Node> nodes = new ArrayList<>(n.nodes());
        Node root = div;
        Tensor gamma = null;
        Tensor beta = null;
        Node mul = Rewrite.soleReaderWithConstant(g, root, "Mul");
        if (mul != null && (gamma = perElementWeights(Rewrite.constantOperand(mul), xs, n.reduced())) != null) {
            nodes.add(mul);
            root = mul;
            Node add = Rewrite.soleReaderWithConstant(g, root, "Add");
            if (add != null && (beta = perElementWeights(Rewrite.constantOperand(add), xs, n.reduced())) != null) {
                nodes.add(add);
                root = add;
            }
        }
        int first = firstReduced(n.reduced());
        boolean trailing = first >= 0 && allFrom(n.reduced(), first);
        if (!trailing && (countTrue(n.reduced()) != 1 || first == xs.rank() - 1)) {
            return Optional.empty();
        }
        return Optional.of(new Match(n, root, nodes, gamma, beta, trailing));
    }

    @Override
    public void apply(Graph g, Match m) {
        Normalized n = m.n();
        Shape xs = n.x().shape();
        int rank = xs.rank();
        int first = firstReduced(n.reduced());
        int size = 1;
        for (int i = first; i < rank && m.trailing(); i++) {
            size *= xs.dim(i);
        }
        int normSize = m.trailing() ? size : xs.dim(first);
        Tensor gamma = m.gamma();
        if (gamma == null) {
            float[] ones = new float[normSize];
            Arrays.fill(ones, 1f);
            gamma = Tensor.ofFloats(Shape.of(normSize), ones);
        }
        Node root = m.root();
        List<Node> nodes = new ArrayList<>(m.nodes());
        nodes.remove(root);
        List<Value> lnInputs = new ArrayList<>();
        lnInputs.add(null);
        lnInputs.add(g.constant(root.name() + "_gamma", gamma));
        if (m.beta() != null) {
            lnInputs.add(g.constant(root.name() + "_beta", m.beta()));
        }
        if (m.trailing()) {
            lnInputs.set(0, n.x());
            Node ln = Rewrite.replace(g, root, nodes, "LayerNormalization", root.name(), lnInputs);
            ln.set("axis", first).set("epsilon", n.eps());
            return;
        }
        int[] toLast = moveToLast(rank, first);
        Node in = g.addNode("Transpose", root.name() + "_to_last", List.of(n.x()), List.of(root.name() + "_nhwc"));
        in.set("perm", toLast);
        ShapeRules.get("Transpose").infer(in);
        lnInputs.set(0, in.output(0));
        Node ln = g.addNode("LayerNormalization", root.name(), lnInputs, List.of(root.name() + "_norm"));
        ln.set("axis", -1).set("epsilon", n.eps());
        ShapeRules.get("LayerNormalization").infer(ln);
        Node back = Rewrite.replace(g, root, nodes, "Transpose", root.name() + "_back", List.of(ln.output(0)));
        back.set("perm", inverse(toLast));
    }

    /** Div(Sub(x, mean), Sqrt(Add(var, eps))) with mean and var over the same axes, or null. */
    private static Normalized normalized(Graph g, Node div) {
        Value d = div.input(0);
        Value s = div.input(1);
        Node sqrt = Rewrite.producer(s, "Sqrt");
        Node sub = Rewrite.producer(d, "Sub");
        if (sqrt == null || sub == null || !Rewrite.soleReader(g, s, div) || g.isOutput(d)) {
            return null;
        }
        Node addEps = Rewrite.producer(sqrt.input(0), "Add");
        if (addEps == null || !Rewrite.soleReader(g, sqrt.input(0), sqrt)) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Double eps = Rewrite.scalar(addEps.input(side));
            Value var = addEps.input(1 - side);
            Node varMean = Rewrite.producer(var, "ReduceMean");
            if (eps == null || varMean == null || !Rewrite.soleReader(g, var, addEps)) {
                continue;
            }
            Value sq = varMean.input(0);
            Node square = sq.producer();
            if (square == null || !Rewrite.soleReader(g, sq, varMean) || !squares(square, d)) {
                continue;
            }
            // d feeds the Div and the squaring, nothing else
            int squareReads = square.op().equals("Mul") ? 2 : 1;
            Value x = sub.input(0);
            Node mean = Rewrite.producer(sub.input(1), "ReduceMean");
            if (d.users().size() != 1 + squareReads || mean == null || mean.input(0) != x
                    || !Rewrite.soleReader(g, sub.input(1), sub) || x.shape() == null) {
                return null;
            }
            boolean[] reduced = reducedAxes(mean, x.shape().rank());
            if (reduced == null || !Arrays.equals(reduced, reducedAxes(varMean, x.shape().rank()))) {
                return null;
            }
            return new Normalized(x, reduced, (float) (double) eps,
                    List.of(div, sqrt, addEps, varMean, square, sub, mean));
        }
        return null;
    }

    private static boolean squares(Node n, Value d) {
        return n.op().equals("Pow") && n.input(0) == d && Rewrite.isScalar(n.input(1), 2)
                || n.op().equals("Mul") && n.input(0) == d && n.input(1) == d;
    }

    /** The axes a keepdims ReduceMean with constant axes reduces, or null for any other form. */
    static boolean[] reducedAxes(Node mean, int rank) {
        if (mean.getInt("keepdims", 1) != 1) {
            return null;
        }
        Value axes = mean.input(1);
        if (axes != null && !axes.isConstant()) {
            return null;
        }
        return LayoutShapes.reducedAxes(rank, axes == null ? null : axes.constant().toLongs(),
                mean.getInt("noop_with_empty_axes", 0) != 0);
    }

    /**
     * The weight as one value per normalised element (in x's order), when it is constant along the
     * other axes: a single value, or a tensor whose right-aligned dims match x on the reduced
     * axes and are 1 elsewhere. Null otherwise.
     */
    static Tensor perElementWeights(Tensor w, Shape x, boolean[] reduced) {
        int size = 1;
        for (int i = 0; i < reduced.length; i++) {
            size *= reduced[i] ? x.dim(i) : 1;
        }
        if (w.numel() == 1) {
            float[] v = new float[size];
            Arrays.fill(v, (float) w.scalar());
            return Tensor.ofFloats(Shape.of(size), v);
        }
        int[] wd = w.shape().dims();
        int offset = x.rank() - wd.length;
        if (offset < 0) {
            return null;
        }
        for (int i = 0; i < x.rank(); i++) {
            int d = i < offset ? 1 : wd[i - offset];
            if (d != (reduced[i] ? x.dim(i) : 1)) {
                return null;
            }
        }
        return Tensor.ofFloats(Shape.of(size), w.toFloats());
    }

    static int firstReduced(boolean[] reduced) {
        for (int i = 0; i < reduced.length; i++) {
            if (reduced[i]) {
                return i;
            }
        }
        return -1;
    }

    static boolean allFrom(boolean[] reduced, int first) {
        for (int i = first; i < reduced.length; i++) {
            if (!reduced[i]) {
                return false;
            }
        }
        return true;
    }

    private static long countTrue(boolean[] b) {
        long n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static int[] moveToLast(int rank, int axis) {
        int[] perm = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (i != axis) {
                perm[k++] = i;
            }
        }
        perm[rank - 1] = axis;
        return perm;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }
}

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
 * Folds group normalisation as PyTorch exports nn.GroupNorm below opset 18 into ONNX's
 * GroupNormalization: the channels are viewed as G rows, each row is instance-normalised with unit
 * scale and zero bias, and the per-channel affine follows as elementwise ops.
 *
 * <pre>
 *   r = Reshape(x, [N, G, -1])       x [N, C, ...], C divisible by G, so r is [N, G, (C/G)·...]
 *   n = InstanceNormalization(r, scale = all ones, bias = all zeros, eps)
 *   y = Reshape(n, shape of x)       [then Mul(y, gamma)   [then Add(.., beta)]]   (operands in any order)
 *     ⇒ GroupNormalization(x, gamma, beta, num_groups = G, epsilon = eps)
 *   gamma and beta are constants that vary along the channel axis 1 only (or are single values);
 *   without them the scale is ones and the bias zeros. Shapes must be known, and every absorbed
 *   intermediate must have no other reader.
 * </pre>
 */
public final class FuseGroupNorm extends RewritePass<FuseGroupNorm.Match> {

    /** The matched chain: x, the nodes it replaces (root last), gamma and beta (or null), G and eps. */
    record Match(Value x, List<Node> nodes, Tensor gamma, Tensor beta, int groups, float eps) {
    }

    @Override
    public Optional<Match> match(Graph g, Node norm) {
        if (!norm.op().equals("InstanceNormalization")) {
            return Optional.empty();
        }
        Value r = norm.input(0);
        Node toGroups = Rewrite.producer(r, "Reshape");
        if (toGroups == null || !Rewrite.soleReader(g, r, norm) || !unitAffine(norm)) {
            return Optional.empty();
        }
        Value x = toGroups.input(0);
        Shape xs = x.shape();
        Shape rs = r.shape();
        if (xs == null || rs == null || !xs.isKnown() || !rs.isKnown() || xs.rank() < 2 || rs.rank() != 3
                || rs.dim(0) != xs.dim(0) || xs.dim(1) % rs.dim(1) != 0) {
            return Optional.empty();
        }
        Value n = norm.output(0);
        Node back = n.users().size() == 1 && !g.isOutput(n) ? n.users().get(0) : null;
        if (back == null || !back.op().equals("Reshape") || !xs.equals(back.output(0).shape())) {
            return Optional.empty();
        }
        List<Node> nodes = new ArrayList<>(List.of(toGroups, norm, back));
        boolean[] channelAxis = new boolean[xs.rank()];
        channelAxis[1] = true;
        Tensor gamma = null;
        Tensor beta = null;
        Node mul = Rewrite.soleReaderWithConstant(g, back, "Mul");
        if (mul != null && (gamma = FuseLayerNorm.perElementWeights(Rewrite.constantOperand(mul), xs,
                channelAxis)) != null) {
            nodes.add(mul);
            Node add = Rewrite.soleReaderWithConstant(g, mul, "Add");
            if (add != null && (beta = FuseLayerNorm.perElementWeights(Rewrite.constantOperand(add), xs,
                    channelAxis)) != null) {
                nodes.add(add);
            }
        }
        return Optional.of(new Match(x, nodes, gamma, beta, rs.dim(1), norm.getFloat("epsilon", 1e-5f)));
    }

    @Override
    public void apply(Graph g, Match m) {
        List<Node> nodes = new ArrayList<>(m.nodes());
        Node root = nodes.remove(nodes.size() - 1);
        int channels = m.x().shape().dim(1);
        List<Value> inputs = List.of(m.x(),
                g.constant(root.name() + "_gamma", m.gamma() != null ? m.gamma() : filled(channels, 1f)),
                g.constant(root.name() + "_beta", m.beta() != null ? m.beta() : filled(channels, 0f)));
        Node fused = Rewrite.replace(g, root, nodes, "GroupNormalization", root.name(), inputs);
        fused.set("num_groups", m.groups()).set("epsilon", m.eps());
    }

    /** Whether the instance norm's scale is all ones and its bias all zeros (constants). */
    private static boolean unitAffine(Node norm) {
        return filledWith(norm.input(1), 1f) && filledWith(norm.input(2), 0f);
    }

    private static boolean filledWith(Value v, float expected) {
        if (v == null || !v.isConstant()) {
            return false;
        }
        for (float f : v.constant().toFloats()) {
            if (f != expected) {
                return false;
            }
        }
        return true;
    }

    private static Tensor filled(int n, float v) {
        float[] values = new float[n];
        Arrays.fill(values, v);
        return Tensor.ofFloats(Shape.of(n), values);
    }
}

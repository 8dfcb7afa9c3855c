package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Optional;

/**
 * Folds an inference BatchNormalization into the Conv, ConvTranspose or Gemm before it. With
 * s = scale / sqrt(var + epsilon) and t = B - mean * s per channel c:
 *
 * <pre>
 *   y = Conv(x, W, b?); z = BatchNormalization(y, scale, B, mean, var)
 *       ⇒ z = Conv(x, W', b')      W'[c,...] = W[c,...] * s[c],   b'[c] = b[c] * s[c] + t[c]
 *   ConvTranspose: W is [Cin, Cout/group, k...]; output channel c = group index * Cout/group + j
 *       scales W[i, j, ...] for every input channel i of that group
 *   y = Gemm(A, B, C?, alpha, beta) with constant B (output channels = columns of op(B))
 *       ⇒ z = Gemm(A, B', C', alpha=1, beta=1)   op(B)'[k,c] = alpha * op(B)[k,c] * s[c],
 *                                                  C'[c] = beta * C[c] * s[c] + t[c]
 *   when y has no reader but the BatchNormalization, all of W, b, B, C and the BatchNormalization
 *   inputs are constant, and C is absent, a scalar or one value per output channel.
 * </pre>
 * Folding is done in double precision and the new weights are float32. {@link Fold} takes any
 * per-channel affine map (s, t), so {@link FuseAddIntoBias} shares it.
 */
public final class FuseConvBatchNorm extends RewritePass<FuseConvBatchNorm.Fold> {

    /** A per-channel affine map st = {s, t} applied by {@code tail} to the output of {@code host}. */
    record Fold(Node host, Node tail, double[][] st) {

        /** The fold when host is a Conv, ConvTranspose or Gemm whose weights can take st. */
        static Optional<Fold> of(Node host, Node tail, double[][] st) {
            boolean fits = switch (host.op()) {
                case "Conv" -> convFits(host, st, false);
                case "ConvTranspose" -> convFits(host, st, true);
                case "Gemm" -> gemmFits(host, st);
                default -> false;
            };
            return fits ? Optional.of(new Fold(host, tail, st)) : Optional.empty();
        }

        /** Replaces host and tail by the host with the folded weights. */
        void apply(Graph g) {
            if (host.op().equals("Gemm")) {
                foldGemm(g, host, tail, st);
            } else {
                foldConv(g, host, tail, st, host.op().equals("ConvTranspose"));
            }
        }
    }

    @Override
    public Optional<Fold> match(Graph g, Node bn) {
        if (!bn.op().equals("BatchNormalization") || bn.getInt("training_mode", 0) != 0 || hasUsedStats(g, bn)) {
            return Optional.empty();
        }
        Value y = bn.input(0);
        Node host = y.producer();
        double[][] st = host == null || !Rewrite.soleReader(g, y, bn) ? null : scaleShift(bn);
        return st == null ? Optional.empty() : Fold.of(host, bn, st);
    }

    @Override
    public void apply(Graph g, Fold f) {
        f.apply(g);
    }

    private static boolean hasUsedStats(Graph g, Node bn) {
        for (int i = 1; i < bn.outputs().size(); i++) {
            if (!bn.output(i).users().isEmpty() || g.isOutput(bn.output(i))) {
                return true;
            }
        }
        return false;
    }

    /** {s, t} per channel, or null when a BatchNormalization input is not constant. */
    private static double[][] scaleShift(Node bn) {
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            Value v = bn.input(i + 1);
            if (v == null || !v.isConstant()) {
                return null;
            }
            p[i] = v.constant().toDoubles();
        }
        int c = p[0].length;
        if (p[1].length != c || p[2].length != c || p[3].length != c) {
            return null;
        }
        double eps = bn.getFloat("epsilon", 1e-5f);
        double[] s = new double[c];
        double[] t = new double[c];
        for (int i = 0; i < c; i++) {
            s[i] = p[0][i] / Math.sqrt(p[3][i] + eps);
            t[i] = p[1][i] - p[2][i] * s[i];
        }
        return new double[][] {s, t};
    }

    private static boolean convFits(Node conv, double[][] st, boolean transposed) {
        Value w = conv.input(1);
        Value b = conv.input(2);
        if (w == null || !w.isConstant() || (b != null && !b.isConstant())) {
            return false;
        }
        int[] d = w.constant().shape().dims();
        if (d.length < 3) {
            return false;
        }
        int channels = transposed ? d[1] * Math.toIntExact(conv.getInt("group", 1)) : d[0];
        return channels == st[0].length && (b == null || b.constant().numel() == channels);
    }

    private static void foldConv(Graph g, Node conv, Node bn, double[][] st, boolean transposed) {
        Value w = conv.input(1);
        Value b = conv.input(2);
        int[] d = w.constant().shape().dims();
        int group = Math.toIntExact(conv.getInt("group", 1));
        int channels = transposed ? d[1] * group : d[0];
        double[] bv = shiftedBias(b == null ? null : b.constant(), st, 1);
        // a pure shift (scale 1) leaves the weight as it is: no copy, and it keeps its name
        Value w2 = w;
        if (!unitScale(st)) {
            Tensor weight = w.constant();
            w2 = g.constant(w.name() + "_bn", Tensor.computedFloats(weight.shape(), () -> {
                float[] wv = weight.toFloats();
                int inner = Math.toIntExact(wv.length / ((long) d[0] * d[1]));
                for (int i = 0; i < d[0]; i++) {
                    for (int j = 0; j < d[1]; j++) {
                        int c = transposed ? i / (d[0] / group) * d[1] + j : i;
                        int base = (i * d[1] + j) * inner;
                        for (int k = 0; k < inner; k++) {
                            wv[base + k] = (float) (wv[base + k] * st[0][c]);
                        }
                    }
                }
                return wv;
            }));
        }
        List<Value> in = List.of(conv.input(0), w2,
                g.constant(conv.name() + "_bias_bn", tensor(Shape.of(channels), bv)));
        Node fused = Rewrite.replace(g, bn, List.of(conv), conv.op(), conv.name(), in);
        fused.attrs().putAll(conv.attrs());
    }

    private static boolean gemmFits(Node gemm, double[][] st) {
        Value b = gemm.input(1);
        Value c = gemm.input(2);
        if (b == null || !b.isConstant() || b.constant().shape().rank() != 2 || (c != null && !c.isConstant())) {
            return false;
        }
        int[] d = b.constant().shape().dims();
        int n = gemm.getInt("transB", 0) != 0 ? d[0] : d[1];
        Tensor ct = c == null ? null : c.constant();
        return n == st[0].length && (ct == null || ct.numel() == 1 || ct.numel() == n && ct.shape().dim(-1) == n);
    }

    private static void foldGemm(Graph g, Node gemm, Node bn, double[][] st) {
        Value b = gemm.input(1);
        Value c = gemm.input(2);
        boolean transB = gemm.getInt("transB", 0) != 0;
        int[] d = b.constant().shape().dims();
        int n = transB ? d[0] : d[1];
        Tensor ct = c == null ? null : c.constant();
        double alpha = gemm.getFloat("alpha", 1f);
        double[] cv = shiftedBias(ct, st, gemm.getFloat("beta", 1f));
        Value b2 = b;
        if (!unitScale(st) || alpha != 1) {
            double[] bv = b.constant().toDoubles();
            for (int r = 0; r < d[0]; r++) {
                for (int k = 0; k < d[1]; k++) {
                    bv[r * d[1] + k] *= alpha * st[0][transB ? r : k];
                }
            }
            b2 = g.constant(b.name() + "_bn", tensor(b.constant().shape(), bv));
        }
        List<Value> in = List.of(gemm.input(0), b2,
                g.constant(gemm.name() + "_bias_bn", tensor(Shape.of(n), cv)));
        Node fused = Rewrite.replace(g, bn, List.of(gemm), "Gemm", gemm.name(), in);
        fused.attrs().putAll(gemm.attrs());
        fused.set("alpha", 1f).set("beta", 1f);
    }

    private static boolean unitScale(double[][] st) {
        for (double v : st[0]) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }

    /** scale * bias[c] * s[c] + t[c]; a missing bias is 0, a one-element bias is broadcast. */
    private static double[] shiftedBias(Tensor bias, double[][] st, double scale) {
        int n = st[0].length;
        double[] v = bias == null ? new double[1] : bias.toDoubles();
        double[] out = new double[n];
        for (int c = 0; c < n; c++) {
            out[c] = scale * v[v.length == 1 ? 0 : c] * st[0][c] + st[1][c];
        }
        return out;
    }

    private static Tensor tensor(Shape shape, double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.ofFloats(shape, f);
    }
}

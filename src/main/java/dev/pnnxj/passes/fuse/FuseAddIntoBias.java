package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.Arrays;
import java.util.Optional;

/**
 * Folds the addition of a constant into the bias of the Conv, ConvTranspose or Gemm before it, so
 * it costs no layer in ncnn:
 *
 * <pre>
 *   y = Conv(x, W, b?); z = Add(y, k)   (either operand order)
 *       ⇒ z = Conv(x, W, b + k)
 *   y = Gemm(A, B, C?); z = Add(y, k)   ⇒ z = Gemm(A, B, C + k)
 *   z = Sub(y, k)                        ⇒ the same with bias b - k
 *   when y has no other reader and k is a constant that is one value, or one value per output
 *   channel laid along the channel axis (axis 1 of a Conv output, the last axis of a Gemm output)
 *   with every other dim 1, so the sum keeps y's shape.
 * </pre>
 * This is a BatchNormalization with scale 1, and reuses {@link FuseConvBatchNorm}'s fold.
 */
public final class FuseAddIntoBias extends RewritePass<FuseConvBatchNorm.Fold> {

    @Override
    public Optional<FuseConvBatchNorm.Fold> match(Graph g, Node add) {
        boolean sub = add.op().equals("Sub");
        if (!add.op().equals("Add") && !sub || add.inputs().size() != 2) {
            return Optional.empty();
        }
        // y - k shifts the bias by -k; k - y would negate the weights too, which is no bias fold
        for (int side = 0; side < (sub ? 1 : 2); side++) {
            Value y = add.input(side);
            Value k = add.input(1 - side);
            Node host = y.producer();
            if (host == null || !k.isConstant() || y.shape() == null || !Rewrite.soleReader(g, y, add)) {
                continue;
            }
            boolean conv = host.op().equals("Conv") || host.op().equals("ConvTranspose");
            if (!conv && !host.op().equals("Gemm")) {
                continue;
            }
            double[] shift = perChannel(k, y.shape().dims(), conv ? 1 : y.shape().rank() - 1);
            if (shift == null) {
                continue;
            }
            if (sub) {
                for (int i = 0; i < shift.length; i++) {
                    shift[i] = -shift[i];
                }
            }
            double[] ones = new double[shift.length];
            Arrays.fill(ones, 1);
            Optional<FuseConvBatchNorm.Fold> fold = FuseConvBatchNorm.Fold.of(host, add, new double[][] {ones, shift});
            if (fold.isPresent()) {
                return fold;
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, FuseConvBatchNorm.Fold f) {
        f.apply(g);
    }

    /** k as one value per channel of y along {@code axis}, or null when it varies along another axis. */
    private static double[] perChannel(Value k, int[] y, int axis) {
        int channels = y[axis];
        double[] v = k.constant().toDoubles();
        int[] kd = k.constant().shape().dims();
        if (kd.length > y.length || channels <= 0) {
            return null;
        }
        if (v.length == 1) {
            double[] out = new double[channels];
            Arrays.fill(out, v[0]);
            return out;
        }
        // right-align k's dims with y's: only the channel axis may differ from 1
        for (int i = 0; i < kd.length; i++) {
            int yAxis = y.length - kd.length + i;
            if (kd[i] != 1 && !(yAxis == axis && kd[i] == channels)) {
                return null;
            }
        }
        return v.length == channels ? v : null;
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.Broadcast;
import java.util.Arrays;
import java.util.List;

/**
 * numpy's matmul on constants (an einsum of constants, a matrix times a constant vector): 1-D
 * operands are promoted to a row (left) or a column (right) and that axis dropped again; leading
 * axes broadcast. Sums in double, the result in input 0's type; pnnx-j's bias input is added.
 */
final class MatMulKernel {
    private MatMulKernel() {
    }

    static List<Tensor> apply(Node n, List<Tensor> in) {
        Tensor a = in.get(0);
        Tensor b = in.get(1);
        int[] da = a.shape().dims();
        int[] db = b.shape().dims();
        boolean rowVector = da.length == 1;
        boolean columnVector = db.length == 1;
        int[] sa = rowVector ? new int[] {1, da[0]} : da;
        int[] sb = columnVector ? new int[] {db[0], 1} : db;
        int m = sa[sa.length - 2];
        int k = sa[sa.length - 1];
        int cols = sb[sb.length - 1];
        if (sb[sb.length - 2] != k) {
            throw new IllegalArgumentException("matmul of " + a.shape() + " and " + b.shape());
        }
        Shape batchA = Shape.of(Arrays.copyOf(sa, sa.length - 2));
        Shape batchB = Shape.of(Arrays.copyOf(sb, sb.length - 2));
        Shape batch = Broadcast.shape(batchA, batchB);
        int count = (int) batch.numel();
        double[] x = a.toDoubles();
        double[] y = b.toDoubles();
        double[] bias = in.size() > 2 && in.get(2) != null ? in.get(2).toDoubles() : null;
        double[] out = new double[count * m * cols];
        for (int p = 0; p < count; p++) {
            int offA = broadcastIndex(p, batch, batchA) * m * k;
            int offB = broadcastIndex(p, batch, batchB) * k * cols;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = bias == null ? 0 : bias[bias.length == 1 ? 0 : j];
                    for (int t = 0; t < k; t++) {
                        s += x[offA + i * k + t] * y[offB + t * cols + j];
                    }
                    out[(p * m + i) * cols + j] = s;
                }
            }
        }
        int[] dims = new int[batch.rank() + (rowVector ? 0 : 1) + (columnVector ? 0 : 1)];
        System.arraycopy(batch.dims(), 0, dims, 0, batch.rank());
        int at = batch.rank();
        if (!rowVector) {
            dims[at++] = m;
        }
        if (!columnVector) {
            dims[at] = cols;
        }
        return List.of(Tensor.ofDoubles(a.dtype(), Shape.of(dims), out));
    }

    /** The flat index into {@code part} (right-aligned, size-1 axes broadcast) of element p of {@code whole}. */
    private static int broadcastIndex(int p, Shape whole, Shape part) {
        int index = 0;
        int rest = p;
        int[] w = whole.dims();
        int[] s = part.dims();
        int stridePart = 1;
        for (int i = w.length - 1; i >= 0; i--) {
            int c = rest % w[i];
            rest /= w[i];
            int j = i - (w.length - s.length);
            if (j >= 0) {
                index += (s[j] == 1 ? 0 : c) * stridePart;
                stridePart *= s[j];
            }
        }
        return index;
    }
}

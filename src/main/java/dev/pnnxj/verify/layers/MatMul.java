package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.MatMul.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;

import java.util.List;

/**
 * ncnn's MatMul (numpy matmul semantics, param 0 transB). Operands are seen as [c][d][rows][cols]
 * with missing outer axes 1 and broadcast between the two; a 1-D A is one row, a 1-D B one
 * column (transB does not apply to it), and the unit axis they introduce is dropped from the
 * result: 1-D x 1-D gives [1]; 1-D x n-D gives [.., N]; n-D x 1-D gives [.., M].
 */
final class MatMul implements Layer {
    private boolean transB;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        transB = p.getInt(TRANS_B, 0) != 0;
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("expects 2 inputs, got " + inputs.size());
        }
        Mat a = inputs.get(0);
        Mat b = inputs.get(1);
        int[] as = batched(a);
        int[] bs = b.dims() == 1 ? new int[]{1, 1, b.w(), 1} : batched(b);
        int m = as[2];
        int k = as[3];
        boolean bRowsAreN = transB && b.dims() > 1;
        int bk = bRowsAreN ? bs[3] : bs[2];
        int n = bRowsAreN ? bs[2] : bs[3];
        if (bk != k) {
            throw new IllegalArgumentException("cannot multiply " + a.shapeString() + " by " + b.shapeString()
                    + (transB ? " (transB)" : "") + ": inner sizes " + k + " and " + bk);
        }
        int bc = broadcast(as[0], bs[0], a, b);
        int bd = broadcast(as[1], bs[1], a, b);
        float[] out = new float[bc * bd * m * n];
        float[] bt = new float[k * n];
        for (int c = 0; c < bc; c++) {
            for (int d = 0; d < bd; d++) {
                int aOff = ((as[0] == 1 ? 0 : c) * as[1] + (as[1] == 1 ? 0 : d)) * m * k;
                int bOff = ((bs[0] == 1 ? 0 : c) * bs[1] + (bs[1] == 1 ? 0 : d)) * k * n;
                float[] bm = b.data();
                int bmOff = bOff;
                if (bRowsAreN) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < k; j++) {
                            bt[j * n + i] = bm[bOff + i * k + j];
                        }
                    }
                    bm = bt;
                    bmOff = 0;
                }
                Sgemm.multiplyAdd(a.data(), aOff, k, bm, bmOff, n, out, (c * bd + d) * m * n, n, m, n, k, true);
            }
        }
        return List.of(Mat.of(outShape(a, b, bc, bd, m, n), out));
    }

    /** {c, d, rows, cols} of an operand, a 1-D one being a single row. */
    private static int[] batched(Mat x) {
        int[] s = x.shape();
        return switch (s.length) {
            case 1 -> new int[]{1, 1, 1, s[0]};
            case 2 -> new int[]{1, 1, s[0], s[1]};
            case 3 -> new int[]{1, s[0], s[1], s[2]};
            default -> s;
        };
    }

    private static int broadcast(int x, int y, Mat a, Mat b) {
        if (x != y && x != 1 && y != 1) {
            throw new IllegalArgumentException("batch axes of " + a.shapeString() + " and " + b.shapeString()
                    + " do not broadcast");
        }
        return Math.max(x, y);
    }

    private static int[] outShape(Mat a, Mat b, int bc, int bd, int m, int n) {
        int max = Math.max(a.dims(), b.dims());
        if (a.dims() == 1 && b.dims() == 1) {
            return new int[]{1};
        }
        if (a.dims() == 1) {
            return max == 2 ? new int[]{n} : max == 3 ? new int[]{bd, n} : new int[]{bc, bd, n};
        }
        if (b.dims() == 1) {
            return max == 2 ? new int[]{m} : max == 3 ? new int[]{bd, m} : new int[]{bc, bd, m};
        }
        return max == 2 ? new int[]{m, n} : max == 3 ? new int[]{bd, m, n} : new int[]{bc, bd, m, n};
    }
}

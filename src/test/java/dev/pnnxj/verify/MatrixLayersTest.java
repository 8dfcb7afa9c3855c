package dev.pnnxj.verify;

import org.junit.jupiter.api.Test;

import static dev.pnnxj.verify.Models.random;
import static dev.pnnxj.verify.Models.ramp;
import static dev.pnnxj.verify.Models.run1;
import static dev.pnnxj.verify.Models.shape;

class MatrixLayersTest {
    /** C[b][m][n] = sum_k A[b][m][k] * B[b][k][n] for dense batches (batch stride 0 = shared). */
    private static float[] matmul(float[] a, int aBatchStride, float[] b, int bBatchStride, int batches, int m, int k,
                                  int n) {
        float[] c = new float[batches * m * n];
        for (int p = 0; p < batches; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += a[p * aBatchStride + i * k + t] * b[p * bBatchStride + t * n + j];
                    }
                    c[(p * m + i) * n + j] = (float) s;
                }
            }
        }
        return c;
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void innerProductOnVectorsRowsAndBlobs() {
        Bin w = new Bin().flagged(1, 2, 3, -1, 0, 1).raw(10, 20);
        Expect.exact(run1("InnerProduct", "0=2 1=1 2=6", w, Mat.of(shape(3, 1, 1), new float[]{1, 1, 1})),
                shape(2), 10 + 6, 20 + 0);
        Mat rows = Mat.of(shape(2, 3), new float[]{1, 0, 0, 0, 1, 1});
        Expect.exact(run1("InnerProduct", "0=2 2=6 9=1", new Bin().flagged(1, 2, 3, -1, 0, 1).raw(), rows),
                shape(2, 2), 1, 0, 5, 1);
        Expect.exact(run1("InnerProduct", "0=1 2=2", new Bin().flagged(2, 3), Mat.vector(1, 10)), shape(1), 32);
    }

    @Test
    void gemmWithConstantBAndConstantC() {
        float[] a = random(6, 51);
        float[] b = random(12, 52);
        float[] c = random(4, 53);
        // A [2,3] input, B constant transB -> stored [N=4][K=3], C constant per N (type 4), alpha 2, beta 0.5
        Mat out = run1("Gemm", "0=2.0 1=0.5 3=1 5=1 6=1 8=4 9=3 10=4", new Bin().flagged(b).flagged(c),
                Mat.of(shape(2, 3), a));
        float[] ab = matmul(a, 0, transpose(b, 4, 3), 0, 1, 2, 3, 4);
        float[] expect = new float[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                expect[i * 4 + j] = 2f * (ab[i * 4 + j] + 0.5f * c[j]);
            }
        }
        Expect.mat(out, shape(2, 4), expect, 1e-5f);
    }

    @Test
    void gemmRuntimeOperandsTransAAndOutputForms() {
        float[] a = random(6, 54);
        float[] b = random(6, 55);
        // A given transposed: [K=3][M=2]; B [K=3][N=2]; C [M,1]
        Mat c = Mat.of(shape(2, 1), new float[]{1, -1});
        Mat out = run1("Gemm", "2=1", Mat.of(shape(3, 2), a), Mat.of(shape(3, 2), b), c);
        float[] ab = matmul(transpose(a, 3, 2), 0, b, 0, 1, 2, 3, 2);
        Expect.mat(out, shape(2, 2), new float[]{ab[0] + 1, ab[1] + 1, ab[2] - 1, ab[3] - 1}, 1e-5f);
        Mat t = run1("Gemm", "2=1 14=1", Mat.of(shape(3, 2), a), Mat.of(shape(3, 2), b));
        Expect.mat(t, shape(2, 2), transpose(ab, 2, 2), 1e-5f);
        Mat n1m = run1("Gemm", "2=1 11=1", Mat.of(shape(3, 2), a), Mat.of(shape(3, 2), b));
        Expect.mat(n1m, shape(2, 1, 2), ab, 1e-5f);
    }

    @Test
    void gemmConstantABroadcastTypes() {
        float[] a = random(6, 56);
        // constant A [M=2][K=3]; runtime B [3][2]; constant C: scalar, then [M,N]
        Mat b = Mat.of(shape(3, 2), ramp(6, 0, 1));
        float[] ab = matmul(a, 0, b.data(), 0, 1, 2, 3, 2);
        Mat scalar = run1("Gemm", "4=1 6=1 7=2 9=3 10=0", new Bin().flagged(a).flagged(3), b);
        Expect.mat(scalar, shape(2, 2), new float[]{ab[0] + 3, ab[1] + 3, ab[2] + 3, ab[3] + 3}, 1e-5f);
        Mat full = run1("Gemm", "4=1 6=1 7=2 8=2 9=3 10=3", new Bin().flagged(a).flagged(1, 2, 3, 4), b);
        Expect.mat(full, shape(2, 2), new float[]{ab[0] + 1, ab[1] + 2, ab[2] + 3, ab[3] + 4}, 1e-5f);
    }

    @Test
    void matmulVectorAndMatrixCases() {
        Mat v = Mat.vector(1, 2, 3);
        Expect.exact(run1("MatMul", "", v, Mat.vector(4, 5, 6)), shape(1), 32);
        Mat m = Mat.of(shape(3, 2), ramp(6, 0, 1));
        Expect.exact(run1("MatMul", "", v, m), shape(2), 16, 22);
        Mat mt = Mat.of(shape(2, 3), ramp(6, 0, 1));
        Expect.exact(run1("MatMul", "", mt, v), shape(2), 8, 26);
        Expect.exact(run1("MatMul", "0=1", v, mt), shape(2), 8, 26);
        float[] a = random(8, 57);
        float[] b = random(12, 58);
        Expect.mat(run1("MatMul", "", Mat.of(shape(2, 4), a), Mat.of(shape(4, 3), b)), shape(2, 3),
                matmul(a, 0, b, 0, 1, 2, 4, 3), 1e-5f);
        Expect.mat(run1("MatMul", "0=1", Mat.of(shape(2, 4), a), Mat.of(shape(3, 4), b)), shape(2, 3),
                matmul(a, 0, transpose(b, 3, 4), 0, 1, 2, 4, 3), 1e-5f);
    }

    @Test
    void matmulBatchedWithBroadcast() {
        float[] a = random(3 * 2 * 4, 59);
        float[] b = random(4 * 5, 60);
        // [3,2,4] x [4,5]: B shared by all batches
        Expect.mat(run1("MatMul", "", Mat.of(shape(3, 2, 4), a), Mat.of(shape(4, 5), b)), shape(3, 2, 5),
                matmul(a, 8, b, 0, 3, 2, 4, 5), 1e-5f);
        // [2,1,2,4] x [3,4,5] -> [2,3,2,5]: A broadcast over d, B over c
        float[] a4 = random(2 * 2 * 4, 61);
        float[] b3 = random(3 * 4 * 5, 62);
        Mat out = run1("MatMul", "", Mat.of(shape(2, 1, 2, 4), a4), Mat.of(shape(3, 4, 5), b3));
        float[] expect = new float[2 * 3 * 2 * 5];
        for (int c = 0; c < 2; c++) {
            for (int d = 0; d < 3; d++) {
                float[] one = matmul(java.util.Arrays.copyOfRange(a4, c * 8, c * 8 + 8), 0,
                        java.util.Arrays.copyOfRange(b3, d * 20, d * 20 + 20), 0, 1, 2, 4, 5);
                System.arraycopy(one, 0, expect, (c * 3 + d) * 10, 10);
            }
        }
        Expect.mat(out, shape(2, 3, 2, 5), expect, 1e-5f);
        // vector x batched: [4] x [3,4,5] -> [3,5]; batched x vector: [3,2,4] x [4] -> [3,2]
        float[] v = random(4, 63);
        Expect.mat(run1("MatMul", "", Mat.vector(v), Mat.of(shape(3, 4, 5), b3)), shape(3, 5),
                matmul(v, 0, b3, 20, 3, 1, 4, 5), 1e-5f);
        Expect.mat(run1("MatMul", "", Mat.of(shape(3, 2, 4), a), Mat.vector(v)), shape(3, 2),
                matmul(a, 8, v, 0, 3, 2, 4, 1), 1e-5f);
    }
}

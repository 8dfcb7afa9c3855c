package dev.pnnxj.verify.layers;

import java.util.stream.IntStream;

/**
 * Single-precision row-major matrix multiply-accumulate, {@code C += A x B}, the hot loop of
 * Convolution (after im2col), Gemm and MatMul. Columns of B and C are processed in tiles so a
 * tile of B stays in cache while every row of A passes over it; rows may be spread over cores.
 * The innermost loop is a contiguous a*x+y, which the JIT vectorises.
 */
final class Sgemm {
    private static final int TILE_N = 256;
    /** Below this many multiply-adds, threads cost more than they save. */
    private static final long PARALLEL_WORK = 1L << 16;

    private Sgemm() {
    }

    /**
     * {@code C[i][j] += sum_p A[i][p] * B[p][j]} for i < m, j < n, p < k. Each matrix is given as
     * array, offset of its first element and row stride. With {@code mayParallelise} false the
     * caller is already running in parallel and rows stay on the current thread.
     */
    static void multiplyAdd(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                            int m, int n, int k, boolean mayParallelise) {
        boolean parallel = mayParallelise && m > 1 && (long) m * n * k >= PARALLEL_WORK;
        for (int n0 = 0; n0 < n; n0 += TILE_N) {
            int nStart = n0;
            int nEnd = Math.min(n, n0 + TILE_N);
            IntStream rows = IntStream.range(0, m);
            (parallel ? rows.parallel() : rows).forEach(i -> {
                int ci = cOff + i * ldc;
                int ai = aOff + i * lda;
                for (int p = 0; p < k; p++) {
                    float av = a[ai + p];
                    int bp = bOff + p * ldb;
                    for (int j = nStart; j < nEnd; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            });
        }
    }
}

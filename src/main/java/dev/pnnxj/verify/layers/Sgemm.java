package dev.pnnxj.verify.layers;

import java.util.stream.IntStream;

/**
 * Single-precision row-major matrix multiply-accumulate, {@code C += A x B}, the hot loop of
 * Convolution (after im2col), InnerProduct, Gemm, MatMul and attention projections. Columns of B
 * and C are processed in tiles so a tile of B stays in cache while the rows of A pass over it;
 * (row, tile) tasks may be spread over cores. The innermost loop is a contiguous a*x+y, which the
 * JIT vectorises.
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
        int tiles = (n + TILE_N - 1) / TILE_N;
        // tile-major task order: a thread's consecutive tasks share one tile of B
        IntStream tasks = IntStream.range(0, tiles * m);
        boolean parallel = mayParallelise && tiles * m > 1 && (long) m * n * k >= PARALLEL_WORK;
        (parallel ? tasks.parallel() : tasks).forEach(task -> {
            int i = task % m;
            int nStart = task / m * TILE_N;
            int nEnd = Math.min(n, nStart + TILE_N);
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

package dev.pnnxj.verify.layers;

import static dev.pnnxj.ncnn.layer.Gemm.*;

import dev.pnnxj.verify.Layer;
import dev.pnnxj.verify.LayerParams;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.WeightReader;

import java.util.List;

/**
 * ncnn's Gemm: Y = alpha * (A' x B' + beta * C), A' = transA ? A^T : A, B' = transB ? B^T : B.
 * Params 0 alpha, 1 beta, 2 transA, 3 transB, 4/5/6 constantA/B/C (then loaded from the .bin with
 * type 0: A as [M][K] or [K][M], B as [K][N] or [N][K], C per 10 constant_broadcast_type_C: 0 one
 * value, 1 or 2 M values, 3 [M][N], 4 N values; -1 no C), 7/8/9 constantM/N/K, 11 output_N1M
 * ([M, 1, N] 3-D instead of [M, N]), 14 output_transpose. Inputs are the non-constant operands in
 * the order A, B, C. A runtime C is broadcast by its shape: [1], [M], [N], [M,1], [M,N], [1,N].
 * A 3-D operand's rows are its channels (first w values of each).
 */
final class Gemm implements Layer {
    private float alpha;
    private float beta;
    private boolean transA;
    private boolean transB;
    private boolean constantA;
    private boolean constantB;
    private boolean constantC;
    private int constM;
    private int constN;
    private int constK;
    private int broadcastC;
    private boolean outputN1M;
    private boolean outputTranspose;
    private float[] aData;
    private float[] bData;
    private float[] cData;

    @Override
    public void loadParams(LayerParams p, int bottoms, int tops) {
        alpha = p.getFloat(ALPHA, 1f);
        beta = p.getFloat(BETA, 1f);
        transA = p.getInt(TRANS_A, 0) != 0;
        transB = p.getInt(TRANS_B, 0) != 0;
        constantA = p.getInt(CONSTANT_A, 0) != 0;
        constantB = p.getInt(CONSTANT_B, 0) != 0;
        constantC = p.getInt(CONSTANT_C, 0) != 0;
        constM = p.getInt(CONSTANT_M, 0);
        constN = p.getInt(CONSTANT_N, 0);
        constK = p.getInt(CONSTANT_K, 0);
        broadcastC = p.getInt(CONSTANT_BROADCAST_TYPE_C, 0);
        outputN1M = p.getInt(OUTPUT_N1M, 0) != 0;
        outputTranspose = p.getInt(OUTPUT_TRANSPOSE, 0) != 0;
        if (p.getInt(QUANTIZE_TERM, 0) != 0) {
            throw new IllegalArgumentException("quantized Gemm (param 18) is not supported by the reference executor");
        }
        if (p.getInt(OUTPUT_ELEMTYPE, 0) != 0) {
            throw new IllegalArgumentException("output_elemtype (param 13) other than 0 is not supported");
        }
        if ((constantA && (constM <= 0 || constK <= 0)) || (constantB && (constN <= 0 || constK <= 0))) {
            throw new IllegalArgumentException("constantM/N/K must be set for constant operands");
        }
        if (constantC && (broadcastC < -1 || broadcastC > 4)) {
            throw new IllegalArgumentException("constant_broadcast_type_C must be -1..4, got " + broadcastC);
        }
        boolean cNeedsM = broadcastC == 1 || broadcastC == 2 || broadcastC == 3;
        boolean cNeedsN = broadcastC == 3 || broadcastC == 4;
        if (constantC && ((cNeedsM && constM <= 0) || (cNeedsN && constN <= 0))) {
            throw new IllegalArgumentException("constant C of broadcast type " + broadcastC + " needs constantM/N");
        }
    }

    @Override
    public void loadWeights(WeightReader r) {
        if (constantA) {
            aData = r.load(constM * constK, 0);
        }
        if (constantB) {
            bData = r.load(constN * constK, 0);
        }
        if (constantC && broadcastC != -1) {
            cData = r.load(switch (broadcastC) {
                case 0 -> 1;
                case 1, 2 -> constM;
                case 3 -> constM * constN;
                default -> constN;
            }, 0);
        }
    }

    @Override
    public List<Mat> forward(List<Mat> inputs) {
        int next = 0;
        Operand a = constantA ? new Operand(aData, transA ? constK : constM, transA ? constM : constK, transA ? constM
                : constK) : Operand.of(input(inputs, next++, "A"));
        Operand b = constantB ? new Operand(bData, transB ? constN : constK, transB ? constK : constN, transB ? constK
                : constN) : Operand.of(input(inputs, next++, "B"));
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int n = transB ? b.rows : b.cols;
        int kb = transB ? b.cols : b.rows;
        if (k != kb) {
            throw new IllegalArgumentException("inner sizes differ: A gives K=" + k + ", B gives K=" + kb);
        }
        float[] c = cData;
        int cType = broadcastC;
        if (!constantC && next < inputs.size()) {
            Mat cm = inputs.get(next);
            c = cm.data();
            cType = broadcastType(cm, m, n);
        }
        float[] out = new float[m * n];
        if (c != null) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float cv = switch (cType) {
                        case 0 -> c[0];
                        case 1, 2 -> c[i];
                        case 3 -> c[i * n + j];
                        default -> c[j];
                    };
                    out[i * n + j] = cv * beta;
                }
            }
        }
        float[] am = transA ? transpose(a, k, m) : a.data;
        int aOff = transA ? 0 : a.offset;
        float[] bm = transB ? transpose(b, n, k) : b.data;
        int bOff = transB ? 0 : b.offset;
        Sgemm.multiplyAdd(am, aOff, transA ? k : a.stride, bm, bOff, transB ? n : b.stride, out, 0, n, m, n, k, true);
        for (int i = 0; i < out.length; i++) {
            out[i] *= alpha;
        }
        if (outputTranspose) {
            float[] t = new float[out.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    t[j * m + i] = out[i * n + j];
                }
            }
            return List.of(Mat.of(outputN1M ? new int[]{n, 1, m} : new int[]{n, m}, t));
        }
        return List.of(Mat.of(outputN1M ? new int[]{m, 1, n} : new int[]{m, n}, out));
    }

    private static Mat input(List<Mat> inputs, int i, String name) {
        if (i >= inputs.size()) {
            throw new IllegalArgumentException("operand " + name + " is not constant but there is no input for it");
        }
        return inputs.get(i);
    }

    /** ncnn's choice of C broadcast from its shape; later matches win, as in ncnn. */
    private static int broadcastType(Mat c, int m, int n) {
        int type = -1;
        if (c.dims() == 1 && c.w() == 1) {
            type = 0;
        }
        if (c.dims() == 1 && c.w() == m) {
            type = 1;
        }
        if (c.dims() == 1 && c.w() == n) {
            type = 4;
        }
        if (c.dims() == 2 && c.w() == 1 && c.h() == m) {
            type = 2;
        }
        if (c.dims() == 2 && c.w() == n && c.h() == m) {
            type = 3;
        }
        if (c.dims() == 2 && c.w() == n && c.h() == 1) {
            type = 4;
        }
        if (type < 0) {
            throw new IllegalArgumentException("C " + c.shapeString() + " does not broadcast to [" + m + ", " + n + "]");
        }
        return type;
    }

    /** The operand's rows x cols matrix transposed into a dense cols x rows array. */
    private static float[] transpose(Operand o, int rowsOut, int colsOut) {
        float[] t = new float[rowsOut * colsOut];
        for (int i = 0; i < o.rows; i++) {
            for (int j = 0; j < o.cols; j++) {
                t[j * o.rows + i] = o.data[o.offset + i * o.stride + j];
            }
        }
        return t;
    }

    /** A row-major matrix inside an array: rows x cols, row stride {@code stride}. */
    private record Operand(float[] data, int offset, int rows, int cols, int stride) {
        Operand(float[] data, int rows, int cols, int stride) {
            this(data, 0, rows, cols, stride);
        }

        static Operand of(Mat x) {
            int rows = x.dims() == 3 ? x.c() : x.h();
            int stride = x.dims() == 3 ? x.total() / x.c() : x.w();
            return new Operand(x.data(), 0, rows, x.w(), stride);
        }
    }
}

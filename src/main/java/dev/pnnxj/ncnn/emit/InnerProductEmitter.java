package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.Gemm;
import dev.pnnxj.ncnn.layer.InnerProduct;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Dense layers with a constant weight → ncnn InnerProduct, whose weight is [N, K] row-major and
 * which maps a 1-D [K] blob to [N] and each row of a 2-D [T, K] blob to a row of [T, N]; or, for a
 * 2-D blob of fewer than {@link #GEMM_MAX_ROWS} rows (tokens), ncnn's Gemm with that weight as its
 * constant B and the bias as its constant C, which is faster there. A 3-D or 4-D A is viewed as
 * its rows and the result viewed back.
 *
 * <p>ONNX Gemm: A is [1, K] (batch 1), B is constant; transB picks whether B needs transposing,
 * alpha is folded into the weight and beta * C (a scalar, [N] or [1, N] constant) into the bias.
 * A data-dependent B of known shape has become MatMul (RewriteDataGemm); one whose shape is
 * unknown is refused.
 *
 * <p>MatMul (see {@link #takes}): A is [1, K], [1, T, K] or [1, H, W, K], B a constant [K, N] (leading 1s
 * allowed), with an optional constant bias [N] as third input, which FuseMatMulAdd attaches.
 */
public final class InnerProductEmitter implements Emitter {
    /**
     * Below this many rows ncnn's Gemm beats InnerProduct on a 2-D blob; from about 784 rows
     * InnerProduct, which packs the rows, is some 10% faster (real ncnn, x86, 1 thread, fp32 and
     * fp16 storage: 197 rows x 256 -> 1024 took 0.88 ms as Gemm, 1.8 ms as InnerProduct; 3136 rows
     * x 384 -> 96 2.9 ms and 2.3 ms; see docs/benchmarks.md).
     */
    static final int GEMM_MAX_ROWS = 512;

    @Override
    public Set<String> layerTypes() {
        return Set.of(InnerProduct.TYPE, Gemm.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (node.op().equals("MatMul")) {
            matMul(node, ctx);
        } else {
            gemm(node, ctx);
        }
    }

    /**
     * Whether a MatMul node has the dense form: activation A of rank 2 to 5 (rows of tokens or of
     * channels-last pixels; at most four ncnn dims), constant 2-D B.
     */
    static boolean takes(Node matMul) {
        Value a = matMul.input(0);
        Value b = matMul.input(1);
        return !a.isConstant() && a.shape() != null && a.shape().rank() >= 2 && a.shape().rank() <= MAX_RANK
                && b.isConstant() && isMatrix(b.constant().shape());
    }

    /** The highest IR rank of a dense layer's A: a batch axis and ncnn's four dims. */
    public static final int MAX_RANK = 5;

    /** Whether the shape is [K, N] after leading 1s, i.e. its last two dims hold every element. */
    static boolean isMatrix(Shape s) {
        return s.rank() >= 2 && s.numel() == (long) s.dim(-2) * s.dim(-1);
    }

    private static void matMul(Node node, Lowering ctx) {
        Value b = node.input(1);
        Tensor bt = b.constant();
        int k = bt.shape().dim(-2);
        int n = bt.shape().dim(-1);
        Tensor weight = Tensor.computedFloats(Shape.of(n, k), () -> transpose(bt.toFloats(), k, n));
        Tensor bias = null;
        String biasName = null;
        if (node.input(2) != null) {
            bias = vector(ctx.requireConstant(node, 2, "the MatMul bias"), n, 1f, "MatMul bias");
            biasName = node.input(2).name();
        }
        emitLayer(ctx, node, new Weight(b.name() + "+T", weight, true),
                bias == null ? null : new Weight(biasName, bias, false), n);
    }

    private static void gemm(Node node, Lowering ctx) {
        Value a = node.input(0);
        if (a.isConstant()) {
            throw new Emitter.Unsupported("Gemm with a constant A: InnerProduct needs A to be the data input");
        }
        if (node.getInt("transA", 0) != 0) {
            throw new Emitter.Unsupported("transA=1 on data: ncnn holds A as a [K] row of batch 1");
        }
        if (a.shape() == null || a.shape().rank() != 2) {
            throw new Emitter.Unsupported("Gemm input A must be 2-D [1,K], got " + a.shape());
        }
        Value b = node.input(1);
        if (!b.isConstant()) {
            throw new Emitter.Unsupported("Gemm with a data-dependent B of unknown shape " + b.shape()
                    + ": give inputshape= so it can become a MatMul");
        }
        Tensor bt = b.constant();
        if (bt.shape().rank() != 2) {
            throw new Emitter.Unsupported("Gemm B must be 2-D, got " + bt.shape());
        }
        boolean transB = node.getInt("transB", 0) != 0;
        int n = bt.shape().dim(transB ? 0 : 1);
        int k = bt.shape().dim(transB ? 1 : 0);
        float alpha = node.getFloat("alpha", 1f);
        float beta = node.getFloat("beta", 1f);
        Weight weight;
        if (transB && alpha == 1f) {
            weight = new Weight(b.name(), bt, true);
        } else {
            weight = new Weight(b.name() + (transB ? "" : "+T") + (alpha == 1f ? "" : "*alpha"),
                    Tensor.computedFloats(Shape.of(n, k), () -> {
                        float[] w = transB ? bt.toFloats() : transpose(bt.toFloats(), k, n);
                        for (int i = 0; i < w.length; i++) {
                            w[i] *= alpha;
                        }
                        return w;
                    }), true);
        }
        Weight bias = null;
        if (node.input(2) != null && beta != 0f) {
            Tensor c = ctx.requireConstant(node, 2, "Gemm C");
            bias = new Weight(node.input(2).name() + (beta == 1f ? "" : "*beta"), vector(c, n, beta, "Gemm C"), false);
        }
        emitLayer(ctx, node, weight, bias, n);
    }

    private static void emitLayer(Lowering ctx, Node node, Weight weight, Weight bias, int n) {
        int[] in = ctx.dims(node.input(0));
        int k = in[in.length - 1];
        int rows = Math.toIntExact(Arrays.stream(in).asLongStream().reduce(1, (a, b) -> a * b) / k);
        String rowsIn = ctx.blob(node.input(0));
        if (in.length > 2) {
            // both layers would flatten a 3-D or 4-D blob whole (a kept batch axis makes one), and
            // Gemm reads only the first row of each channel: run on the rows, view the result back
            rowsIn = Reshapes.toDims(ctx, node, rowsIn, new int[] {rows, k});
        }
        NcnnLayer l = ctx.add(rows > 1 && rows < GEMM_MAX_ROWS ? Gemm.TYPE : InnerProduct.TYPE, node);
        l.bottoms.add(rowsIn);
        if (l.type().equals(Gemm.TYPE)) {
            gemmParams(l, weight, bias, rows, n, k);
        } else {
            innerProductParams(l, weight, bias, n);
        }
        if (in.length > 2) {
            String rowsOut = ctx.newBlob(new int[] {rows, n});
            l.tops.add(rowsOut);
            NcnnLayer back = ctx.add(Reshape.TYPE, node);
            int[] out = ctx.dims(node.output(0));
            LowerToNcnn.putShape(back, NcnnAxes.whdc(out), out.length);
            back.bottoms.add(rowsOut);
            back.tops.add(ctx.blob(node.output(0)));
        } else {
            l.tops.add(ctx.blob(node.output(0)));
        }
    }

    private static void innerProductParams(NcnnLayer l, Weight weight, Weight bias, int n) {
        l.params.put(InnerProduct.NUM_OUTPUT, n);
        l.params.put(InnerProduct.BIAS_TERM, bias == null ? 0 : 1);
        l.params.put(InnerProduct.WEIGHT_DATA_SIZE, Math.toIntExact(weight.data().numel()));
        l.weights.add(weight);
        if (bias != null) {
            l.weights.add(bias);
        }
    }

    /**
     * ncnn's Gemm with B constant as the same [N, K] rows InnerProduct holds (transB=1) and the bias
     * as a constant C of N values (broadcast type 4), kept fp32 as ncnn loads it with type 0.
     */
    private static void gemmParams(NcnnLayer l, Weight weight, Weight bias, int rows, int n, int k) {
        l.params.put(Gemm.TRANS_A, 0);
        l.params.put(Gemm.TRANS_B, 1);
        l.params.put(Gemm.CONSTANT_A, 0);
        l.params.put(Gemm.CONSTANT_B, 1);
        l.params.put(Gemm.CONSTANT_C, 1);
        l.params.put(Gemm.CONSTANT_M, rows);
        l.params.put(Gemm.CONSTANT_N, n);
        l.params.put(Gemm.CONSTANT_K, k);
        l.params.put(Gemm.CONSTANT_BROADCAST_TYPE_C, bias == null ? -1 : 4);
        l.weights.add(weight);
        if (bias != null) {
            l.weights.add(Weight.taggedFp32(bias.name(), bias.data()));
        }
    }

    /**
     * A constant broadcast along the output features as an [N] vector times {@code scale}: a
     * scalar is repeated, an [N] or [1, N] tensor is taken as is.
     */
    private static Tensor vector(Tensor c, int n, float scale, String what) {
        boolean isVector = c.shape().rank() >= 1 && c.numel() == n && c.shape().dim(-1) == n;
        if (isVector && scale == 1f) {
            return c.reshape(Shape.of(n));
        }
        float[] v;
        if (isVector) {
            v = c.toFloats();
        } else if (c.numel() == 1) {
            v = new float[n];
            Arrays.fill(v, (float) c.scalar());
        } else {
            throw new Emitter.Unsupported(what + " " + c.shape() + " is neither a scalar nor a vector of the " + n
                    + " outputs");
        }
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return Tensor.ofFloats(Shape.of(n), v);
    }

    /** Row-major [rows, cols] → [cols, rows]. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}

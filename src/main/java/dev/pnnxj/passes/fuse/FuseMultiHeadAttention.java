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
 * Folds the self-attention that PyTorch exports for {@code nn.MultiheadAttention} with packed input
 * projection (also inside {@code nn.TransformerEncoderLayer} and torchvision's ViT) into one
 * MultiHeadAttention op, which ncnn runs as one layer.
 *
 * <pre>
 *   t = Transpose(x[1,S,E], [1,0,2]); p = Add(b_in, MatMul(t, W_in[E,3E]))
 *   q/k/v = Reshape(Slice(p, last axis, thirds), [S,H,E/H])   (or the three outputs of one Split of p)
 *   a = Softmax(MatMul(Div(Transpose(q,[1,0,2]), c), Transpose(k,[1,2,0])), last axis)
 *   o = Reshape(Transpose(MatMul(a, Transpose(v,[1,0,2])), [1,0,2]), [S,E])
 *   y = Transpose(Reshape(Gemm(o, W_out, b_out, transB=1), [S,1,E]), [1,0,2])
 *     ⇒  y = MultiHeadAttention(x, Wq, bq, Wk, bk, Wv, bv, W_out, b_out){num_heads=H, scale=1/c}
 *   (Mul by c instead of Div gives scale=c; the bias Add may take either side); every
 *   intermediate has no other reader
 *   an additive constant mask M ([S,S], or [H,S,S] per head) may be added to the scores before the
 *   Softmax, and they may be scaled once more (Mul by c2): MultiHeadAttention(.., M){scale=c2/c}
 *   sequence-first (batch_first=False, or traced): t[S,1,E] is the input, the final Transpose is
 *   absent, and y[S,1,E] = Reshape(MultiHeadAttention(Reshape(t, [1,S,E]), ...), [S,1,E])
 * </pre>
 *
 * The weights are stored as PyTorch's Linear weights, [out, in]. A graph that differs anywhere
 * is left to the general lowering.
 */
public final class FuseMultiHeadAttention extends RewritePass<FuseMultiHeadAttention.Attention> {
    private static final long[] SWAP01 = {1, 0, 2};
    private static final long[] KEY_T = {1, 2, 0};

    /**
     * A matched attention: its last node, every node it replaces, the tokens the input projection
     * reads ([S,1,E]; {@code batchFirstIn} when they are a Transpose of x [1,S,E]), the packed
     * projection, the node giving each third of it and where that third starts, the output Gemm,
     * the mask (or null) in ncnn's shape, the head count and q·k's scale.
     */
    record Attention(Node last, boolean batchFirstOut, List<Node> nodes, Node tin, boolean batchFirstIn, Node proj,
            Value inBias, Node[] slices, int[] starts, Node gemm, Value mask, Shape maskShape, int heads,
            float scale) {
    }

    @Override
    public Optional<Attention> match(Graph g, Node n) {
        if (n.op().equals("Transpose") || n.op().equals("Reshape") && !feedsSwap(g, n)) {
            return Optional.ofNullable(attention(g, n));
        }
        return Optional.empty();
    }

    /** Collects the matched nodes, checking that each intermediate is read only inside the pattern. */
    private static final class Match {
        final Graph g;
        final List<Node> nodes = new ArrayList<>();

        Match(Graph g) {
            this.g = g;
        }

        /** The producer of input i of reader when it has the op and reader is its only reader. */
        Node in(Node reader, int i, String op) {
            Value v = reader.input(i);
            Node p = Rewrite.producer(v, op);
            if (p == null || !Rewrite.soleReader(g, v, reader)) {
                return null;
            }
            nodes.add(p);
            return p;
        }
    }

    private static boolean perm(Node t, long[] p) {
        return t != null && t.op().equals("Transpose") && Arrays.equals(t.getInts("perm"), p);
    }

    /** Whether the node's result goes only to a Transpose swapping axes 0 and 1 (a batch-first output). */
    private static boolean feedsSwap(Graph g, Node n) {
        Value v = n.output(0);
        return Rewrite.internal(g, v) && perm(v.users().get(0), SWAP01);
    }

    /**
     * Matches at the pattern's last node: the final Transpose of a batch-first attention, or the
     * Reshape after the output projection of a sequence-first one.
     */
    private static Attention attention(Graph g, Node last) {
        Match m = new Match(g);
        boolean batchFirstOut = last.op().equals("Transpose");
        if (batchFirstOut && !perm(last, SWAP01)) {
            return null;
        }
        Node r4 = batchFirstOut ? m.in(last, 0, "Reshape") : last;
        Node gemm = r4 == null ? null : m.in(r4, 0, "Gemm");
        if (gemm == null || gemm.getInt("transA", 0) != 0 || gemm.getInt("transB", 0) != 1
                || gemm.getFloat("alpha", 1) != 1 || gemm.getFloat("beta", 1) != 1 || gemm.inputs().size() != 3
                || !gemm.input(1).isConstant() || !gemm.input(2).isConstant()) {
            return null;
        }
        Node r3 = m.in(gemm, 0, "Reshape");
        Node t4 = r3 == null ? null : m.in(r3, 0, "Transpose");
        Node m2 = perm(t4, SWAP01) ? m.in(t4, 0, "MatMul") : null;
        Node softmax = m2 == null ? null : m.in(m2, 0, "Softmax");
        Node tv = m2 == null ? null : m.in(m2, 1, "Transpose");
        if (softmax == null) {
            return null;
        }
        // an additive mask (a causal -inf triangle) and baddbmm's scalar factor may sit before the softmax
        // the scores are input scoresIn of scoresNode
        Node scoresNode = softmax;
        int scoresIn = 0;
        Value mask = null;
        Node maskAdd = m.in(softmax, 0, "Add");
        if (maskAdd != null) {
            int side = maskAdd.input(1).isConstant() ? 1 : 0;
            mask = maskAdd.input(side);
            if (!mask.isConstant() || maskAdd.input(1 - side).isConstant()) {
                return null;
            }
            scoresNode = maskAdd;
            scoresIn = 1 - side;
        }
        double factor = 1;
        Node factorMul = m.in(scoresNode, scoresIn, "Mul");
        if (factorMul != null) {
            Double f = Rewrite.scalar(factorMul.input(1));
            if (f == null) {
                return null;
            }
            factor = f;
            scoresNode = factorMul;
            scoresIn = 0;
        }
        Node m1 = m.in(scoresNode, scoresIn, "MatMul");
        if (m1 == null || !perm(tv, SWAP01) || softmax.getInt("axis", -1) != -1 && softmax.getInt("axis", -1) != 2) {
            return null;
        }
        Value scaledQ = m1.input(0);
        Node scaling = scaledQ.producer();
        if (scaling == null || !scaling.op().equals("Div") && !scaling.op().equals("Mul")
                || Rewrite.scalar(scaling.input(1)) == null) {
            return null;
        }
        m.in(m1, 0, scaling.op());
        Node tq = m.in(scaling, 0, "Transpose");
        Node tk = m.in(m1, 1, "Transpose");
        if (!perm(tq, SWAP01) || !perm(tk, KEY_T)) {
            return null;
        }
        double c = Rewrite.scalar(scaling.input(1));
        float scale = (float) ((scaling.op().equals("Div") ? 1 / c : c) * factor);

        Node[] slices = new Node[3];
        Node[] transposes = {tq, tk, tv};
        int heads = -1;
        for (int i = 0; i < 3; i++) {
            Node r = m.in(transposes[i], 0, "Reshape");
            slices[i] = r == null ? null : third(m, r, i);
            Shape s = r == null ? null : r.output(0).shape();
            if (slices[i] == null || s == null || s.rank() != 3 || heads != -1 && s.dim(1) != heads) {
                return null;
            }
            heads = s.dim(1);
        }
        Value packed = slices[0].input(0);
        boolean split = slices[0].op().equals("Split");
        if (slices[1].input(0) != packed || slices[2].input(0) != packed || packed.users().size() != (split ? 1 : 3)
                || g.isOutput(packed)) {
            return null;
        }
        Node add = packed.producer();
        if (add == null || !add.op().equals("Add")) {
            return null;
        }
        int biasSide = add.input(0).isConstant() ? 0 : 1;
        Value inBias = add.input(biasSide);
        Node proj = Rewrite.producer(add.input(1 - biasSide), "MatMul");
        if (!inBias.isConstant() || proj == null || !Rewrite.soleReader(g, proj.output(0), add)
                || proj.inputs().size() != 2 || !proj.input(1).isConstant()) {
            return null;
        }
        Node tin = Rewrite.producer(proj.input(0), "Transpose");
        boolean batchFirstIn = perm(tin, SWAP01) && Rewrite.soleReader(g, proj.input(0), proj);
        // the sequence-first tokens [S,1,E] the projection reads; batch-first ones are swapped into it
        Value tokens = proj.input(0);
        Tensor wIn = proj.input(1).constant();
        Shape ts = tokens.shape();
        Shape outShape = r4.output(0).shape();
        if (ts == null || ts.rank() != 3 || ts.dim(1) != 1 || wIn.shape().rank() != 2 || !ts.equals(outShape)) {
            return null;
        }
        int e = ts.dim(2);
        Shape maskShape = mask == null ? null : headMask(mask.constant().shape(), heads, ts.dim(0));
        if (mask != null && maskShape == null) {
            return null;
        }
        if (wIn.shape().dim(0) != e || wIn.shape().dim(1) != 3 * e || inBias.constant().numel() != 3L * e
                || e % heads != 0 || !gemm.input(1).constant().shape().equals(Shape.of(e, e))
                || gemm.input(2).constant().numel() != e) {
            return null;
        }
        int[] starts = new int[3];
        for (int i = 0; i < 3; i++) {
            starts[i] = split ? splitThirdStart(slices[i], e, i) : thirdStart(slices[i], e);
            if (starts[i] < 0) {
                return null;
            }
        }
        m.nodes.addAll(List.of(add, proj));
        if (batchFirstIn) {
            m.nodes.add(tin);
        }
        return new Attention(last, batchFirstOut, m.nodes, tin, batchFirstIn, proj, inBias, slices, starts, gemm,
                mask, maskShape, heads, scale);
    }

    @Override
    public void apply(Graph g, Attention a) {
        Node last = a.last();
        Node proj = a.proj();
        Node gemm = a.gemm();
        Node[] slices = a.slices();
        Value tokens = proj.input(0);
        Shape ts = tokens.shape();
        int e = ts.dim(2);
        boolean split = slices[0].op().equals("Split");
        Tensor wIn = proj.input(1).constant();
        Shape batchFirst = Shape.of(1, ts.dim(0), e);
        Value x = a.batchFirstIn() ? a.tin().input(0) : g.addReshape(proj.name() + "_batch_first", tokens, batchFirst);
        List<Value> inputs = new ArrayList<>(List.of(x));
        float[] b = a.inBias().constant().toFloats();
        for (int i = 0; i < 3; i++) {
            int start = a.starts()[i];
            String name = split ? slices[i].name() + "_" + i : slices[i].name();
            inputs.add(g.constant(name + "_weight", Tensor.computedFloats(Shape.of(e, e), () -> {
                // columns [start, start+E) of the packed [E,3E] projection, as a Linear weight [out, in]
                float[] w = wIn.toFloats();
                float[] part = new float[e * e];
                for (int o = 0; o < e; o++) {
                    for (int k = 0; k < e; k++) {
                        part[o * e + k] = w[k * 3 * e + start + o];
                    }
                }
                return part;
            })));
            inputs.add(g.constant(name + "_bias", Tensor.ofFloats(Shape.of(e), Arrays.copyOfRange(b, start, start + e))));
        }
        inputs.add(gemm.input(1));
        inputs.add(g.constant(gemm.name() + "_bias", gemm.input(2).constant().reshape(Shape.of(e))));
        if (a.mask() != null) {
            inputs.add(g.constant(a.mask().name() + "_attn_mask", a.mask().constant().reshape(a.maskShape())));
        }
        Node mha;
        if (a.batchFirstOut()) {
            mha = Rewrite.replace(g, last, a.nodes(), "MultiHeadAttention", last.name(), inputs);
        } else {
            // with a batch of 1, [1,S,E] and the sequence-first [S,1,E] are the same data
            Value y = last.output(0);
            g.removeNode(last);
            a.nodes().forEach(g::removeNode);
            mha = g.addNode("MultiHeadAttention", last.name(), inputs, List.of(last.name() + "_batch_first"));
            mha.output(0).setShape(batchFirst);
            mha.output(0).setDtype(y.dtype());
            g.addNodeWithOutputs("Reshape", last.name() + "_seq_first",
                    List.of(mha.output(0), g.shapeConstant(last.name() + "_seq_first_shape", y.shape())), List.of(y));
        }
        mha.set("num_heads", (long) a.heads());
        mha.set("scale", a.scale());
    }

    /**
     * The node that gives part i of the packed projection to Reshape r: a Slice, or output i of a
     * Split (TorchScript's chunk), matched once for all three parts.
     */
    private static Node third(Match m, Node r, int i) {
        Value v = r.input(0);
        Node split = Rewrite.producer(v, "Split");
        if (split == null) {
            return m.in(r, 0, "Slice");
        }
        if (split.outputs().size() != 3 || split.output(i) != v || !Rewrite.soleReader(m.g, v, r)) {
            return null;
        }
        if (!m.nodes.contains(split)) {
            m.nodes.add(split);
        }
        return split;
    }

    /** Where part i of a Split into three equal parts of the last axis starts, or -1 for any other Split. */
    private static int splitThirdStart(Node split, int e, int i) {
        long axis = split.getInt("axis", 0);
        Value sizes = split.inputs().size() > 1 ? split.input(1) : null;
        if (axis != -1 && axis != 2 || sizes != null && (!sizes.isConstant()
                || !Arrays.equals(sizes.constant().toLongs(), new long[] {e, e, e}))) {
            return -1;
        }
        return i * e;
    }

    /**
     * The additive mask as ncnn's attention reads it, [S,S] for every head or [H,S,S] per head, or
     * null when the constant broadcasts over the scores [H,S,S] some other way.
     */
    private static Shape headMask(Shape mask, int heads, int seq) {
        int[] d = mask.dims();
        int lead = 0;
        while (d.length - lead > 2 && d[lead] == 1) {
            lead++;
        }
        int rank = d.length - lead;
        if (rank < 2 || d[d.length - 1] != seq || d[d.length - 2] != seq) {
            return null;
        }
        if (rank == 2) {
            return Shape.of(seq, seq);
        }
        return rank == 3 && d[lead] == heads ? Shape.of(heads, seq, seq) : null;
    }

    /** The first column of the packed projection a Slice takes, when it takes exactly one third. */
    private static int thirdStart(Node slice, int e) {
        Value starts = slice.input(1);
        Value ends = slice.input(2);
        Value axes = slice.inputs().size() > 3 ? slice.input(3) : null;
        Value steps = slice.inputs().size() > 4 ? slice.input(4) : null;
        if (!starts.isConstant() || !ends.isConstant() || axes == null || !axes.isConstant()
                || steps != null && (!steps.isConstant() || steps.constant().toLongs()[0] != 1)
                || starts.constant().numel() != 1) {
            return -1;
        }
        long axis = axes.constant().toLongs()[0];
        long start = starts.constant().toLongs()[0];
        long end = Math.min(ends.constant().toLongs()[0], 3L * e);
        if (axis != -1 && axis != 2 || start % e != 0 || end - start != e) {
            return -1;
        }
        return (int) start;
    }
}

package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Folds a constant bias added after a MatMul with a constant weight into the MatMul as a third
 * input, pnnx-j's form of a linear layer (y = A @ B + bias, bias broadcast along the last axis),
 * which lowers to one ncnn InnerProduct.
 *
 * <pre>
 *   y = MatMul(A, B); z = Add(y, c)   or   Add(c, y)      ⇒   z = MatMul(A, B, bias)
 *   A: data of rank 2 to 5 ([1,K], [1,T,K] tokens, [1,H,W,C] channels-last pixels: the dense
 *      ncnn layers run on its rows)
 *   B: constant [K,N] (leading 1s allowed); c: constant scalar, or N values along the last axis
 *      with no more axes than y; bias: c as an [N] float tensor; y read only by the Add
 * </pre>
 */
public final class FuseMatMulAdd extends RewritePass<FuseMatMulAdd.Match> {

    /** The Add, the MatMul it reads and the bias it folds into it. */
    record Match(Node add, Node mm, Tensor bias) {
    }

    @Override
    public Optional<Match> match(Graph g, Node add) {
        if (!add.op().equals("Add")) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Value y = add.input(side);
            Node mm = Rewrite.producer(y, "MatMul");
            Tensor bias = mm == null ? null : bias(mm, add.input(1 - side));
            if (bias != null && Rewrite.soleReader(g, y, add)) {
                return Optional.of(new Match(add, mm, bias));
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, Match m) {
        Value b = g.constant(m.mm().name() + "_bias", m.bias());
        List<Value> in = List.of(m.mm().input(0), m.mm().input(1), b);
        Rewrite.replace(g, m.add(), List.of(m.mm()), "MatMul", m.mm().name(), in);
    }

    /** The [N] bias when the MatMul and the added value fit the pattern, else null. */
    private static Tensor bias(Node mm, Value c) {
        Value a = mm.input(0);
        Value b = mm.input(1);
        Value y = mm.output(0);
        if (mm.input(2) != null || a.isConstant() || a.shape() == null || a.shape().rank() < 2
                || a.shape().rank() > 5 || !b.isConstant() || c == null || !c.isConstant() || y.shape() == null) {
            return null;
        }
        Shape bs = b.constant().shape();
        if (bs.rank() < 2 || bs.numel() != (long) bs.dim(-2) * bs.dim(-1)) {
            return null;
        }
        int n = bs.dim(-1);
        Tensor ct = c.constant();
        Shape cs = ct.shape();
        if (ct.numel() == 1 && cs.rank() <= y.shape().rank()) {
            float[] v = new float[n];
            Arrays.fill(v, (float) ct.scalar());
            return Tensor.ofFloats(Shape.of(n), v);
        }
        // N values on the last axis: every other axis of c is then 1
        if (cs.rank() >= 1 && cs.rank() <= y.shape().rank() && cs.dim(-1) == n && ct.numel() == n) {
            return Tensor.ofFloats(Shape.of(n), ct.toFloats());
        }
        return null;
    }
}

package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.Pass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
public final class FuseMatMulAdd implements Pass {

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node add : new ArrayList<>(g.nodes())) {
            if (!add.op().equals("Add")) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Value y = add.input(side);
                Node mm = Rewrite.producer(y, "MatMul");
                Tensor bias = mm == null ? null : bias(mm, add.input(1 - side));
                if (bias != null && Rewrite.soleReader(g, y, add)) {
                    Value b = g.constant(mm.name() + "_bias", bias);
                    Rewrite.replace(g, add, List.of(mm), "MatMul", mm.name(), List.of(mm.input(0), mm.input(1), b));
                    changed = true;
                    break;
                }
            }
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
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

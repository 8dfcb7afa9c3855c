package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.MatMul;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ONNX MatMul → ncnn InnerProduct or Gemm when B is a constant matrix and A is data (see
 * {@link InnerProductEmitter}); otherwise ncnn's MatMul layer, which
 * multiplies the last two axes of its inputs and broadcasts the rest numpy-style. A constant
 * operand reaches it through a MemoryData layer, with leading 1s dropped (they only broadcast)
 * so its rank does not exceed what the batch-free activation side has.
 */
public final class MatMulEmitter implements Emitter {
    private final InnerProductEmitter innerProduct = new InnerProductEmitter();

    @Override
    public Set<String> layerTypes() {
        Set<String> types = new java.util.TreeSet<>(innerProduct.layerTypes());
        types.add(MatMul.TYPE);
        return types;
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (InnerProductEmitter.takes(node)) {
            innerProduct.emit(node, ctx);
            return;
        }
        if (node.input(2) != null) {
            throw new Emitter.Unsupported("a MatMul bias is only lowered with the dense form "
                    + "(data A of rank 2 to " + InnerProductEmitter.MAX_RANK + ", constant B [K,N])");
        }
        List<Value> in = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Value v = node.input(i);
            if (v.isConstant()) {
                v = squeezeLeadingOnes(ctx, v);
                ranks.add(v.constant().shape().rank());
            } else {
                ranks.add(NcnnAxes.rank(v));
            }
            in.add(v);
        }
        int expected = NcnnAxes.rank(node.output(0));
        int produced = outputRank(ranks.get(0), ranks.get(1));
        if (produced != expected) {
            throw new Emitter.Unsupported("ncnn MatMul of ranks " + ranks.get(0) + " and " + ranks.get(1)
                    + " (batch dropped) gives rank " + produced + ", the IR output " + node.output(0).shape()
                    + " needs " + expected);
        }
        ctx.add(MatMul.TYPE, node, in, List.of(node.output(0)));
    }

    /** The rank of ncnn MatMul's result for operand ranks a and b. */
    static int outputRank(int a, int b) {
        if (a == 1 && b == 1) {
            return 1;
        }
        if (a == 1) {
            return b == 2 ? 1 : b - 1;
        }
        if (b == 1) {
            return a == 2 ? 1 : a - 1;
        }
        return Math.max(a, b);
    }

    private static Value squeezeLeadingOnes(Lowering ctx, Value v) {
        Tensor t = v.constant();
        int[] d = t.shape().dims();
        int lead = 0;
        while (d.length - lead > 2 && d[lead] == 1) {
            lead++;
        }
        if (lead == 0) {
            return v;
        }
        Tensor squeezed = t.reshape(Shape.of(java.util.Arrays.copyOfRange(d, lead, d.length)));
        return ctx.graph().constant(v.name() + "_squeezed", squeezed);
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.MatMul;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
        Set<String> types = new TreeSet<>(innerProduct.layerTypes());
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
        List<String> in = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Value v = node.input(i);
            if (v.isConstant()) {
                Tensor t = squeezeLeadingOnes(v.constant());
                ranks.add(t.shape().rank());
                in.add(t == v.constant() ? ctx.blob(v) : ctx.memoryData(v.name() + "_squeezed", t));
            } else {
                ranks.add(ctx.rank(v));
                in.add(ctx.blob(v));
            }
        }
        int expected = ctx.rank(node.output(0));
        int produced = outputRank(ranks.get(0), ranks.get(1));
        if (produced != expected) {
            throw new Emitter.Unsupported("ncnn MatMul of ranks " + ranks.get(0) + " and " + ranks.get(1)
                    + " (batch dropped) gives rank " + produced + ", the IR output " + node.output(0).shape()
                    + " needs " + expected);
        }
        NcnnLayer l = ctx.add(MatMul.TYPE, node);
        l.bottoms.addAll(in);
        l.tops.add(ctx.blob(node.output(0)));
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

    private static Tensor squeezeLeadingOnes(Tensor t) {
        int[] d = t.shape().dims();
        int lead = 0;
        while (d.length - lead > 2 && d[lead] == 1) {
            lead++;
        }
        return lead == 0 ? t : t.reshape(Shape.of(Arrays.copyOfRange(d, lead, d.length)));
    }
}

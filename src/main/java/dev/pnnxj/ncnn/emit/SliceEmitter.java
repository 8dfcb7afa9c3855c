package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.Slice;
import java.util.Set;

/**
 * ONNX Split → ncnn Slice (0=slices 1=axis). Sizes come from the split input, or else from the
 * outputs' inferred shapes (which also settles ONNX's uneven num_outputs rule); the last slice
 * is written as -233, "the rest".
 */
public final class SliceEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Slice.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value in = node.input(0);
        ctx.dims(in); // refuses unknown shapes and ranks ncnn cannot hold
        if (node.outputs().size() == 1) {
            ctx.alias(node.output(0), in);
            return;
        }
        long irAxis = node.getInt("axis", 0);
        int axis = ctx.axis(in, irAxis);
        int n = node.outputs().size();
        long[] sizes = node.input(1) == null ? null : ctx.requireConstant(node, 1, "split").toLongs();
        if (sizes != null && sizes.length != n) {
            throw new Unsupported("split has " + sizes.length + " sizes for " + n + " outputs");
        }
        int[] slices = new int[n];
        for (int i = 0; i < n - 1; i++) {
            slices[i] = sizes != null ? (int) sizes[i] : sizeAlong(node.output(i), irAxis);
        }
        slices[n - 1] = -233;
        ctx.unary(Slice.TYPE, node).params.put(Slice.SLICES, slices).put(Slice.AXIS, axis);
    }

    private static int sizeAlong(Value out, long irAxis) {
        Shape s = out.shape();
        int size = s == null ? Shape.UNKNOWN : s.dim(s.axis(irAxis));
        if (size == Shape.UNKNOWN) {
            throw new Unsupported("size of output '" + out.name() + "' along the split axis is unknown");
        }
        return size;
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.Concat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** ONNX Concat → ncnn Concat along the mapped axis; constant inputs become MemoryData in activation layout. */
public final class ConcatEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Concat.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value out = node.output(0);
        if (node.inputs().size() == 1) {
            ctx.alias(out, node.input(0));
            return;
        }
        if (!node.has("axis")) {
            throw new Unsupported("axis attribute is missing");
        }
        int axis = ctx.axis(out, node.getInt("axis", 0));
        List<String> bottoms = new ArrayList<>();
        for (Value v : node.inputs()) {
            bottoms.add(v.isConstant() ? ConstantOperands.alignedTo(ctx, v, out) : ctx.blob(v));
        }
        NcnnLayer l = ctx.add(Concat.TYPE, node);
        l.bottoms.addAll(bottoms);
        l.tops.add(ctx.blob(out));
        l.params.put(Concat.AXIS, axis);
    }
}

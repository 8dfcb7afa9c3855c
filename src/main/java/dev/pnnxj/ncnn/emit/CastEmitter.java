package dev.pnnxj.ncnn.emit;

import java.util.Set;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;

/**
 * ONNX Cast of a bool tensor to a number type: nothing to do, ncnn holds bools as 0.0 and 1.0
 * already (see {@link ComparisonEmitter}). Other casts of data change values ncnn's float blobs
 * cannot represent (integer truncation, int64 indices) and are refused.
 */
public final class CastEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        DType from = node.input(0).dtype();
        DType to = node.output(0).dtype();
        if (from != DType.BOOL || to == null || to == DType.BOOL) {
            throw new Unsupported("Cast of data from " + from + " to " + to + ": ncnn blobs are float32, only a cast"
                    + " of a bool (a 0/1 blob) to a number type is converted");
        }
        ctx.alias(node.output(0), node.input(0));
    }
}

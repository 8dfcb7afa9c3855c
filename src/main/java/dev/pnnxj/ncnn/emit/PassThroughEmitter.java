package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import java.util.Set;

/**
 * Identity and inference-time Dropout: the output is the input blob, no layer is written.
 * Dropout's optional mask output has no ncnn counterpart, so a model that reads it is refused.
 */
public final class PassThroughEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        for (int i = 1; i < node.outputs().size(); i++) {
            Value extra = node.output(i);
            if (ctx.isRead(extra)) {
                throw new Unsupported("output " + i + " ('" + extra.name() + "') is used; ncnn has no such tensor");
            }
        }
        ctx.alias(node.output(0), node.input(0));
    }
}

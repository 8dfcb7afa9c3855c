package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import java.util.Set;

/**
 * The emitter of an op that rewrites lower wherever ncnn can hold it: what still reaches lowering
 * is refused with the reason, and writes no layer.
 */
public record Refusal(String reason) implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        throw new Unsupported(reason);
    }
}

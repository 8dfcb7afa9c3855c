package dev.pnnxj.ncnn.emit;

import java.util.Set;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;

/**
 * ONNX Mod with fmod=1 (C fmod: the sign of the dividend, torch.fmod) → ncnn BinaryOp fmod, which
 * is fmodf. fmod=0 (the sign of the divisor) is ONNX's integer form; ncnn's "remainder" is C's
 * round-to-nearest remainderf, a different function, so it is refused (PyTorch exports a float
 * remainder as x - floor(x / y) * y, which converts).
 */
public final class ModEmitter implements Emitter {
    private final BinaryOpEmitter fmod = new BinaryOpEmitter(BinaryOpEmitter.FMOD, BinaryOpEmitter.RFMOD);

    @Override
    public Set<String> layerTypes() {
        return fmod.layerTypes();
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (node.getInt("fmod", 0) != 1) {
            throw new Unsupported("Mod with fmod=0 (integer modulo, the divisor's sign): ncnn blobs are float and its"
                    + " remainder op rounds to nearest; only fmod=1 converts");
        }
        fmod.emit(node, ctx);
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.Reorg;
import java.util.Set;

/**
 * ONNX SpaceToDepth → ncnn Reorg (0=stride, 1=mode): mode 1 puts sub-position (sh, sw) of
 * channel q at output channel (sh*s + sw)*C + q, which is SpaceToDepth's order; mode 0 puts it at
 * q*s*s + sh*s + sw, PyTorch's pixel_unshuffle (pnnx-j's SpaceToDepth mode CRD).
 */
public final class ReorgEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Reorg.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (ctx.rank(node.input(0)) != 3) {
            throw new Unsupported("ncnn Reorg takes a 3-D (c,h,w) blob");
        }
        String mode = node.getString("mode", "DCR");
        if (!mode.equals("DCR") && !mode.equals("CRD")) {
            throw new Unsupported("SpaceToDepth mode " + mode);
        }
        ctx.unary(Reorg.TYPE, node).params.put(Reorg.STRIDE, (int) node.getInt("blocksize", 1))
                .put(Reorg.MODE, mode.equals("DCR") ? 1 : 0);
    }
}

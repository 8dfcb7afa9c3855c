package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.PixelShuffle;
import java.util.Set;

/**
 * ONNX DepthToSpace → ncnn PixelShuffle (0=upscale_factor, 1=mode: 0 reads the input channels in
 * PyTorch's CRD order, 1 in the DCR order TensorFlow exports). ncnn shuffles a 3-D (c,h,w) blob.
 */
public final class PixelShuffleEmitter implements Emitter {

    @Override
    public Set<String> layerTypes() {
        return Set.of(PixelShuffle.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (ctx.rank(node.input(0)) != 3) {
            throw new Unsupported("ncnn PixelShuffle takes a (c,h,w) blob, got " + node.input(0).shape());
        }
        String mode = node.getString("mode", "DCR");
        NcnnLayer l = ctx.unary(PixelShuffle.TYPE, node);
        l.params.put(PixelShuffle.UPSCALE_FACTOR, (int) node.getInt("blocksize", 1));
        if (mode.equals("DCR")) {
            l.params.put(PixelShuffle.MODE, 1);
        } else if (!mode.equals("CRD")) {
            throw new Unsupported("DepthToSpace mode " + mode);
        }
    }
}

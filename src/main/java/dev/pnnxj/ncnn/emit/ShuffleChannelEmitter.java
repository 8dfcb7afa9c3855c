package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.ShuffleChannel;
import java.util.Set;

/**
 * ShuffleChannel (made by {@code FuseChannelShuffle}) → ncnn ShuffleChannel (0=group). Output
 * channel {@code j*group + i} is input channel {@code i*(C/group) + j}, as ShuffleNet's
 * view/transpose/view does it.
 */
public final class ShuffleChannelEmitter implements Emitter {

    @Override
    public Set<String> layerTypes() {
        return Set.of(ShuffleChannel.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (ctx.rank(node.input(0)) != 3) {
            throw new Unsupported("ncnn ShuffleChannel takes a (c,h,w) blob, got " + node.input(0).shape());
        }
        NcnnLayer l = ctx.unary(ShuffleChannel.TYPE, node);
        l.params.put(ShuffleChannel.GROUP, (int) node.getInt("group", 1));
    }
}

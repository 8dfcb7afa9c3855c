package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.MultiHeadAttention;
import java.util.Set;

/**
 * MultiHeadAttention (made by {@code FuseMultiHeadAttention}: inputs x, Wq, bq, Wk, bk, Wv, bv,
 * Wout, bout with weights [out, in], and an optional additive mask [S,S] or [H,S,S]) → ncnn
 * MultiHeadAttention reading x once as query, key and value (0=embed_dim, 1=num_heads,
 * 2=weight_data_size, 5=attn_mask, 6=scale applied to the biased query).
 * Weight matrices are stored with ncnn's storage tag, biases raw, in ncnn's load order
 * q, k, v, out.
 */
public final class MultiHeadAttentionEmitter implements Emitter {

    @Override
    public Set<String> layerTypes() {
        return Set.of(MultiHeadAttention.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        int[] dims = ctx.dims(node.input(0));
        if (dims.length != 2) {
            throw new Unsupported("ncnn MultiHeadAttention takes a (sequence, embedding) blob, got "
                    + node.input(0).shape());
        }
        int embed = dims[1];
        String x = ctx.blob(node.input(0));
        // the additive mask becomes a MemoryData blob, which must come before the layer reading it
        String mask = node.input(9) == null ? null : ctx.blob(node.input(9));
        NcnnLayer l = ctx.add(MultiHeadAttention.TYPE, node);
        l.bottoms.add(x);
        if (mask != null) {
            // ncnn reads the mask after q (k and v are q here)
            l.bottoms.add(mask);
            l.params.put(MultiHeadAttention.ATTN_MASK, 1);
        }
        l.tops.add(ctx.blob(node.output(0)));
        l.params.put(MultiHeadAttention.EMBED_DIM, embed);
        l.params.put(MultiHeadAttention.NUM_HEADS, (int) node.getInt("num_heads", 1));
        l.params.put(MultiHeadAttention.WEIGHT_DATA_SIZE, embed * embed);
        l.params.put(MultiHeadAttention.SCALE, node.getFloat("scale", 1));
        for (int i = 1; i <= 8; i++) {
            l.weights.add(new Weight(node.input(i).name(), ctx.requireConstant(node, i, "attention weight"), i % 2 == 1));
        }
    }
}

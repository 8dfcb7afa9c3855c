package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.Embed;
import java.util.List;
import java.util.Set;

/**
 * ONNX Gather of rows of a constant table [V,D] at data indices [1,S] (nn.Embedding) → ncnn Embed
 * (num_output D, input_dim V, bias_term 0, weight_data_size V*D; weight type 0). ncnn has
 * no Gather layer: constant indices on data were already rewritten to Crop/Concat
 * (RewriteConstantGather) and constant indices into a constant were folded, so every other form
 * is refused.
 *
 * <p>ncnn Embed reads its input blob as int32 indices (feed it an int32 Mat, as pnnx's scripts
 * do) and clamps them to [0, V-1], where ONNX Gather counts a negative index from the end.
 */
public final class GatherEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(Embed.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value table = node.input(0);
        Value indices = node.input(1);
        if (!table.isConstant()) {
            throw new Unsupported("ncnn has no Gather layer: indices that depend on data can only pick rows of a"
                    + " constant [V,D] table (ncnn Embed), and '" + table.name() + "' is not a constant");
        }
        Tensor t = table.constant();
        if (t.shape().rank() != 2 || t.shape().axis(node.getInt("axis", 0)) != 0) {
            throw new Unsupported("ncnn Embed picks rows of a 2-D table; Gather along axis " + node.getInt("axis", 0)
                    + " of " + t.shape() + " has no ncnn layer");
        }
        if (indices.dtype() == null || indices.dtype().isFloating() || indices.dtype() == DType.BOOL) {
            throw new Unsupported("Embed indices '" + indices.name() + "' must be integers, got " + indices.dtype());
        }
        int[] words = ctx.dims(indices);
        if (words.length != 1) {
            throw new Unsupported("ncnn Embed takes a 1-D blob of indices ([1,S] with the batch), got "
                    + indices.shape());
        }
        int rows = t.shape().dim(0);
        int width = t.shape().dim(1);
        NcnnLayer l = ctx.add(Embed.TYPE, node, List.of(indices), node.outputs());
        ParamDict p = l.params;
        p.put(Embed.NUM_OUTPUT, width);
        p.put(Embed.INPUT_DIM, rows);
        p.put(Embed.BIAS_TERM, 0);
        p.put(Embed.WEIGHT_DATA_SIZE, rows * width);
        l.weights.add(new Weight(table.name(), t, true));
    }
}

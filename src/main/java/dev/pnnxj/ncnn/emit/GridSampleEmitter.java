package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.ParamDict;
import java.util.List;
import java.util.Map;

/**
 * ONNX GridSample of an image [1,C,H,W] at a grid [1,Ho,Wo,2] → ncnn GridSample (0=sample_type
 * 1 bilinear, 2 nearest, 3 bicubic; 1=padding_mode 1 zeros, 2 border, 3 reflection;
 * 2=align_corner). ncnn's operators.md swaps the first two sample types; its source
 * (gridsample.h) is what is written here. Without the batch the grid is the blob [c=Ho, h=Wo, w=2],
 * which is the layout ncnn reads with permute_fusion=0, so no Permute is needed.
 *
 * <p>ncnn folds a reflected coordinate once where PyTorch folds it any number of times, and its
 * nearest rounds halves up; grids within three image widths of the centre give PyTorch's values.
 */
public final class GridSampleEmitter implements Emitter {
    private static final Map<String, Integer> MODES = Map.of("linear", 1, "nearest", 2, "cubic", 3);
    private static final Map<String, Integer> PADDINGS = Map.of("zeros", 1, "border", 2, "reflection", 3);

    @Override
    public void emit(Node node, Lowering ctx) {
        Value image = node.input(0);
        Value grid = node.input(1);
        String mode = node.getString("mode", "linear");
        String padding = node.getString("padding_mode", "zeros");
        if (!MODES.containsKey(mode) || !PADDINGS.containsKey(padding)) {
            throw new Unsupported("mode '" + mode + "' with padding_mode '" + padding + "' has no ncnn GridSample form");
        }
        if (image.shape().rank() != 4) {
            throw new Unsupported("pnnx-j lowers GridSample of one [1,C,H,W] image (not yet ncnn's volumetric form), got "
                    + image.shape());
        }
        for (Value v : List.of(image, grid)) {
            if (!v.isConstant() && !NcnnAxes.hasBatch(v)) {
                // the kept batch would make ncnn read a 4-D blob as one volume
                throw new Unsupported("'" + v.name() + "' " + v.shape() + " keeps its batch axis (the model mixes"
                        + " its samples); ncnn GridSample samples one image at a time");
            }
        }
        Value g = grid.isConstant() ? ConstantOperands.alignedTo(ctx, grid, image) : grid;
        ParamDict p = ctx.add("GridSample", node, List.of(image, g), node.outputs()).params;
        p.put(0, MODES.get(mode));
        p.put(1, PADDINGS.get(padding));
        p.put(2, (int) node.getInt("align_corners", 0));
    }
}

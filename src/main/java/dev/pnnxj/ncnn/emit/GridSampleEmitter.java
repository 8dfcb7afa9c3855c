package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.ParamDict;
import dev.pnnxj.ncnn.layer.Concat;
import dev.pnnxj.ncnn.layer.GridSample;
import dev.pnnxj.ncnn.layer.MemoryData;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX GridSample of an image [1,C,H,W] at a grid [1,Ho,Wo,2] → ncnn GridSample (sample_type,
 * padding_mode, align_corner; ncnn's operators.md swaps the first two sample types, the schema
 * follows gridsample.h). Without the batch the grid is the blob [c=Ho, h=Wo, w=2],
 * which is the layout ncnn reads with permute_fusion=0, so no Permute is needed. One-channel maps
 * on a kept batch axis, each at its own grid, become one volumetric GridSample (emitPerSample).
 *
 * <p>ncnn folds a reflected coordinate once where PyTorch folds it any number of times, and its
 * nearest rounds halves up; grids within three image widths of the centre give PyTorch's values.
 */
public final class GridSampleEmitter implements Emitter {
    @Override
    public Set<String> layerTypes() {
        return Set.of(GridSample.TYPE, Concat.TYPE, MemoryData.TYPE, Reshape.TYPE);
    }

    private static final Map<String, Integer> MODES = Map.of(
            "linear", GridSample.SAMPLE_BILINEAR, "nearest", GridSample.SAMPLE_NEAREST,
            "cubic", GridSample.SAMPLE_BICUBIC);
    private static final Map<String, Integer> PADDINGS = Map.of(
            "zeros", GridSample.PADDING_ZEROS, "border", GridSample.PADDING_BORDER,
            "reflection", GridSample.PADDING_REFLECTION);

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
        if (!ctx.hasBatch(image) && !grid.isConstant() && !ctx.hasBatch(grid)) {
            emitPerSample(node, ctx, MODES.get(mode), PADDINGS.get(padding));
            return;
        }
        for (Value v : List.of(image, grid)) {
            if (!v.isConstant() && !ctx.hasBatch(v)) {
                throw new Unsupported("'" + v.name() + "' " + v.shape() + " keeps its batch axis but '"
                        + (v == image ? grid : image).name() + "' does not; ncnn GridSample samples one image at a time");
            }
        }
        String imageBlob = ctx.blob(image);
        String gridBlob = grid.isConstant() ? ConstantOperands.alignedTo(ctx, grid, image) : ctx.blob(grid);
        NcnnLayer sampler = ctx.add(GridSample.TYPE, node);
        sampler.bottoms.add(imageBlob);
        sampler.bottoms.add(gridBlob);
        sampler.tops.add(ctx.blob(node.output(0)));
        ParamDict p = sampler.params;
        p.put(GridSample.SAMPLE_TYPE, MODES.get(mode));
        p.put(GridSample.PADDING_MODE, PADDINGS.get(padding));
        p.put(GridSample.ALIGN_CORNER, (int) node.getInt("align_corners", 0));
    }

    /**
     * N one-channel images [N,1,H,W], each sampled at its own grid [N,Ho,Wo,2] (RAFT's correlation
     * lookup, batch kept): one volumetric GridSample of the volume [c=1, d=N, h=H, w=W], the grid
     * given a third coordinate that lands exactly on slice n for sample n, so the trilinear (or
     * nearest) weights along d are 1 on that slice and the result is each image's own bilinear one.
     * The image and the result are the same data re-viewed; the grid gains its z by a Concat.
     */
    private static void emitPerSample(Node node, Lowering ctx, int mode, int padding) {
        Value image = node.input(0);
        Value grid = node.input(1);
        int[] x = image.shape().dims();
        int[] gd = grid.shape().dims();
        if (x[1] != 1 || mode == MODES.get("cubic") || !Reshapes.isKnown(x) || !Reshapes.isKnown(gd)) {
            throw new Unsupported("'" + image.name() + "' " + image.shape() + " keeps its batch axis: ncnn GridSample"
                    + " samples one image, and pnnx-j runs several only for one-channel images, bilinear or nearest,"
                    + " of static shape");
        }
        int n = x[0];
        boolean align = node.getInt("align_corners", 0) != 0;
        float[] z = new float[n * gd[1] * gd[2]];
        for (int i = 0; i < n; i++) {
            // the inverse of ncnn's unnormalisation: sample i's coordinate along d is exactly i
            float zi = align ? (n == 1 ? 0f : 2f * i / (n - 1) - 1f) : (2f * i + 1f) / n - 1f;
            Arrays.fill(z, i * gd[1] * gd[2], (i + 1) * gd[1] * gd[2], zi);
        }
        String gridBlob = ctx.blob(grid);
        List<String> bottoms = List.of(gridBlob, ctx.memoryData(node.name() + "_slice_z",
                Tensor.ofFloats(Shape.of(n, gd[1], gd[2], 1), z)));
        NcnnLayer concat = ctx.add(Concat.TYPE, node);
        concat.bottoms.addAll(bottoms);
        String grid3 = ctx.newBlob();
        concat.tops.add(grid3);
        concat.params.put(Concat.AXIS, 3);
        String volume = Reshapes.toDims(ctx, node, ctx.blob(image), new int[] {1, n, x[2], x[3]});
        NcnnLayer l = ctx.add(GridSample.TYPE, node);
        l.bottoms.add(volume);
        l.bottoms.add(grid3);
        String sampled = ctx.newBlob();
        l.tops.add(sampled);
        l.params.put(GridSample.SAMPLE_TYPE, mode);
        l.params.put(GridSample.PADDING_MODE, padding);
        l.params.put(GridSample.ALIGN_CORNER, align ? 1 : 0);
        ctx.bind(node.output(0), Reshapes.toDims(ctx, node, sampled, ctx.dims(node.output(0))));
    }
}

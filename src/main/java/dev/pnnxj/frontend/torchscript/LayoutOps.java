package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mappings of the rearranging ops that the ONNX exporter writes as chains of basic ops (flip,
 * pixel_unshuffle, channel_shuffle, unflatten, movedim, tensor_split, repeat_interleave,
 * meshgrid): each becomes the nodes the exporter would write, or the single op its chain is
 * fused into, so both formats meet the same passes.
 */
final class LayoutOps {
    private LayoutOps() {
    }

    /** flip(x, dims): a Slice with step -1 from the last element over each axis, as the exporter writes it. */
    static Value flip(OpArgs a) {
        Value x = a.tensor("self");
        long[] dims = a.ints("dims");
        long[] starts = new long[dims.length];
        long[] ends = new long[dims.length];
        Arrays.fill(starts, -1);
        Arrays.fill(ends, Long.MIN_VALUE);
        long[] steps = starts.clone();
        IrBuilder ir = a.ir();
        return ir.op("Slice").in(x, ir.longs(starts), ir.longs(ends), ir.longs(dims), ir.longs(steps)).out();
    }

    /** pixel_unshuffle(x, r): SpaceToDepth in PyTorch's channel order (mode CRD, ncnn Reorg mode 0). */
    static Value pixelUnshuffle(OpArgs a) {
        return a.ir().op("SpaceToDepth").in(a.tensor("self")).attr("blocksize", a.integer("downscale_factor"))
                .attr("mode", "CRD").out();
    }

    /** channel_shuffle(x, g): the reshape/transpose/reshape that FuseChannelShuffle folds into ShuffleChannel. */
    static Value channelShuffle(OpArgs a) {
        Value x = a.tensor("self");
        Shape s = x.shape();
        if (s == null || s.rank() != 4) {
            throw new ScriptError("channel_shuffle of a tensor that is not [N,C,H,W]");
        }
        long g = a.integer("groups");
        long c = IrBuilder.dim(x, 1);
        IrBuilder ir = a.ir();
        Value grouped = ir.op("Reshape").in(x, ir.longs(0, g, c / g, -1, s.dim(3))).out();
        Value t = ir.op("Transpose").in(grouped).attr("perm", new long[] {0, 2, 1, 3, 4}).out();
        return ir.op("Reshape").in(t, ir.longs(0, c, -1, s.dim(3))).out();
    }

    /**
     * unflatten(x, dim, sizes): Reshape keeping the other axes, those before dim as 0 (ONNX Reshape
     * copies the dim at the same index), those after by their sizes, whose index moves.
     */
    static Value unflatten(OpArgs a) {
        Value x = a.tensor("self");
        int rank = IrBuilder.rank(x);
        int dim = x.shape().axis(a.integer("dim"));
        List<Long> target = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (i == dim) {
                for (long d : a.ints("sizes")) {
                    target.add(d);
                }
            } else {
                target.add(i < dim ? 0L : (long) IrBuilder.dim(x, i));
            }
        }
        return a.ir().op("Reshape").in(x, a.ir().intList(target)).out();
    }

    /** movedim(x, source, destination): the Transpose that moves each source axis to its destination. */
    static Value movedim(OpArgs a) {
        Value x = a.tensor("self");
        int rank = IrBuilder.rank(x);
        long[] src = a.ints("source");
        long[] dst = a.ints("destination");
        if (src.length != dst.length) {
            throw new ScriptError("movedim with " + src.length + " sources and " + dst.length + " destinations");
        }
        long[] perm = new long[rank];
        Arrays.fill(perm, -1);
        boolean[] moved = new boolean[rank];
        for (int i = 0; i < src.length; i++) {
            int s = x.shape().axis(src[i]);
            perm[x.shape().axis(dst[i])] = s;
            moved[s] = true;
        }
        int next = 0;
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0) {
                while (moved[next]) {
                    next++;
                }
                perm[i] = next++;
            }
        }
        return a.ir().op("Transpose").in(x).attr("perm", perm).out();
    }

    /**
     * tensor_split(x, n, dim) in n parts, the first size % n one larger, or tensor_split(x, indices, dim)
     * cut before each index: one Split with those sizes.
     */
    static List<Value> tensorSplit(OpArgs a) {
        Value x = a.tensor("self");
        long dim = a.integer("dim", 0);
        long size = IrBuilder.dim(x, dim);
        Object sections = a.get("indices_or_sections");
        long[] sizes;
        if (OpArgs.items(sections) != null) {
            long[] cuts = a.ints("indices_or_sections");
            sizes = new long[cuts.length + 1];
            long prev = 0;
            for (int i = 0; i <= cuts.length; i++) {
                long at = i == cuts.length ? size : Math.max(prev, Math.min(size, cuts[i] < 0 ? cuts[i] + size : cuts[i]));
                sizes[i] = at - prev;
                prev = at;
            }
        } else {
            long n = a.integer("indices_or_sections");
            sizes = new long[(int) n];
            for (int i = 0; i < n; i++) {
                sizes[i] = size / n + (i < size % n ? 1 : 0);
            }
        }
        for (long s : sizes) {
            if (s == 0) {
                throw new ScriptError("tensor_split with an empty part; ncnn cannot hold empty blobs");
            }
        }
        IrBuilder ir = a.ir();
        return sizes.length == 1 ? List.of(x) : ir.op("Split").in(x, ir.longs(sizes)).attr("axis", dim).outs(sizes.length);
    }

    /**
     * repeat_interleave(x, r, dim) with a constant count: each element repeated r times in place,
     * x viewed with a new axis after dim, tiled r times along it and viewed back.
     */
    static Value repeatInterleave(OpArgs a) {
        Value x = a.tensor("self");
        if (!a.has("dim")) {
            throw new ScriptError("repeat_interleave without dim (of the flattened tensor) is not supported");
        }
        Long r = IrBuilder.staticLong(a.get("repeats"));
        if (r == null) {
            throw new ScriptError("repeat_interleave with repeats per element is not supported; give one count");
        }
        Shape s = x.shape();
        if (s == null || !s.isKnown()) {
            throw ScriptError.notStatic("the shape of a tensor repeated by repeat_interleave");
        }
        int dim = s.axis(a.integer("dim"));
        IrBuilder ir = a.ir();
        Value widened = ir.op("Unsqueeze").in(x, ir.longs(dim + 1)).out();
        long[] repeats = new long[s.rank() + 1];
        Arrays.fill(repeats, 1);
        repeats[dim + 1] = r;
        Value tiled = ir.op("Tile").in(widened, ir.longs(repeats)).out();
        long[] target = new long[s.rank()];
        for (int i = 0; i < target.length; i++) {
            target[i] = i == dim ? s.dim(i) * r : s.dim(i);
        }
        return ir.op("Reshape").in(tiled, ir.longs(target)).out();
    }

    /**
     * meshgrid(tensors, indexing): each 1-D tensor viewed along its own axis and expanded to the
     * lengths of all; {@code xy} swaps the first two axes.
     */
    static List<Value> meshgrid(OpArgs a) {
        IrBuilder ir = a.ir();
        List<Value> ts = new ArrayList<>();
        for (Object t : a.list("tensors")) {
            ts.add(ir.tensor(t));
        }
        int n = ts.size();
        int[] axis = new int[n];
        for (int i = 0; i < n; i++) {
            axis[i] = i;
        }
        if (a.string("indexing", "ij").equals("xy") && n >= 2) {
            axis[0] = 1;
            axis[1] = 0;
        }
        Value[] lengths = new Value[n];
        for (int i = 0; i < n; i++) {
            lengths[axis[i]] = ir.op("Shape").in(ts.get(i)).out();
        }
        Value full = ir.op("Concat").in(lengths).attr("axis", 0).out();
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] view = new long[n];
            Arrays.fill(view, 1);
            view[axis[i]] = -1;
            out.add(ir.op("Expand").in(ir.op("Reshape").in(ts.get(i), ir.longs(view)).out(), full).out());
        }
        return out;
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.passes.shape.Broadcast;
import dev.pnnxj.passes.shape.Dims;
import dev.pnnxj.passes.shape.LayoutShapes;
import dev.pnnxj.passes.shape.Slicing;
import java.util.ArrayList;
import java.util.List;

/** Kernels of the ops that move, select or re-view elements without arithmetic. */
final class MovementKernels {
    private MovementKernels() {
    }

    /** Identity, Reshape, Flatten, Squeeze, Unsqueeze: the same data under a new shape. */
    static List<Tensor> view(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Shape s = x.shape();
        Shape out = switch (n.op()) {
            case "Identity" -> s;
            case "Reshape" -> LayoutShapes.reshape(s, in.get(1).toLongs(), n.getInt("allowzero", 0) != 0);
            case "Flatten" -> LayoutShapes.flatten(s, n.getInt("axis", 1));
            case "Squeeze" -> LayoutShapes.squeeze(s, Kernel.optionalLongs(in, 1));
            case "Unsqueeze" -> LayoutShapes.unsqueeze(s, in.get(1).toLongs());
            default -> throw new IllegalStateException(n.op());
        };
        return List.of(x.reshape(out));
    }

    static List<Tensor> transpose(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        int[] perm = LayoutShapes.perm(n.getInts("perm"), x.shape().rank());
        int[] st = IndexMaps.strides(x.shape());
        Shape out = LayoutShapes.transpose(x.shape(), perm);
        return List.of(Elements.pick(x, out, IndexMaps.build(out, (a, c) -> c * st[perm[a]])));
    }

    static List<Tensor> slice(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Slicing s = Slicing.of(x.shape(), in.get(1).toLongs(), in.get(2).toLongs(), Kernel.optionalLongs(in, 3),
                Kernel.optionalLongs(in, 4));
        int[] st = IndexMaps.strides(x.shape());
        Shape out = s.shape();
        return List.of(Elements.pick(x, out, IndexMaps.build(out, (a, c) -> (s.start(a) + c * s.step(a)) * st[a])));
    }

    /** Split into the given sizes, or into equal parts (the last smaller with num_outputs) as the shape rule has it. */
    static List<Tensor> split(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        int rank = x.shape().rank();
        int axis = Dims.axis(n.getInt("axis", 0), rank);
        int d = x.shape().dim(axis);
        int parts = n.outputs().size();
        long[] sizes = Kernel.optionalLongs(in, 1);
        if (sizes == null) {
            long chunk = n.has("num_outputs") ? (d + parts - 1) / parts : d / parts;
            sizes = new long[parts];
            for (int i = 0; i < parts; i++) {
                sizes[i] = Math.min(chunk, d - i * chunk);
            }
        }
        int[] st = IndexMaps.strides(x.shape());
        List<Tensor> out = new ArrayList<>();
        long at = 0;
        for (long size : sizes) {
            Slicing s = Slicing.of(x.shape(), new long[] {at}, new long[] {at + size}, new long[] {axis}, null);
            Shape shape = s.shape();
            out.add(Elements.pick(x, shape, IndexMaps.build(shape, (a, c) -> (s.start(a) + c * s.step(a)) * st[a])));
            at += size;
        }
        return out;
    }

    /** Gather along any axis; negative indices count from the end. */
    static List<Tensor> gather(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Shape s = x.shape();
        int axis = Dims.axis(n.getInt("axis", 0), s.rank());
        int d = s.dim(axis);
        int outer = Dims.product(s, 0, axis);
        int inner = Dims.product(s, axis + 1, s.rank());
        long[] idx = in.get(1).toLongs();
        int[] map = new int[Math.multiplyExact(Math.multiplyExact(outer, idx.length), inner)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (long i : idx) {
                long j = i < 0 ? i + d : i;
                if (j < 0 || j >= d) {
                    throw new IllegalArgumentException("gather index " + i + " out of range for dim " + d);
                }
                for (int k = 0; k < inner; k++) {
                    map[p++] = (int) ((o * (long) d + j) * inner + k);
                }
            }
        }
        return List.of(Elements.pick(x, LayoutShapes.gather(s, in.get(1).shape(), axis), map));
    }

    static List<Tensor> concat(Node n, List<Tensor> in) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : in) {
            shapes.add(t.shape());
        }
        Shape out = LayoutShapes.concat(shapes, n.getInt("axis", 0));
        int axis = Dims.axis(n.getInt("axis", 0), out.rank());
        int outer = Dims.product(out, 0, axis);
        int[] which = new int[Math.toIntExact(out.numel())];
        int[] index = new int[which.length];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (int s = 0; s < in.size(); s++) {
                int block = Dims.product(in.get(s).shape(), axis, out.rank());
                for (int k = 0; k < block; k++, p++) {
                    which[p] = s;
                    index[p] = o * block + k;
                }
            }
        }
        return List.of(Elements.pick(out, in, which, index));
    }

    static List<Tensor> expand(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Shape out = Broadcast.shape(x.shape(), Dims.shape(in.get(1).toLongs()));
        return List.of(Elements.pick(x, out, IndexMaps.broadcast(x.shape(), out)));
    }

    static List<Tensor> tile(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        Shape s = x.shape();
        Shape out = LayoutShapes.tile(s, in.get(1).toLongs());
        int[] st = IndexMaps.strides(s);
        return List.of(Elements.pick(x, out, IndexMaps.build(out, (a, c) -> c % s.dim(a) * st[a])));
    }

    static List<Tensor> where(Node n, List<Tensor> in) {
        Tensor cond = in.get(0);
        Tensor x = in.get(1);
        Tensor y = in.get(2);
        Shape out = Broadcast.shape(cond.shape(), x.shape(), y.shape());
        int[] ic = IndexMaps.broadcast(cond.shape(), out);
        int[] ix = IndexMaps.broadcast(x.shape(), out);
        int[] iy = IndexMaps.broadcast(y.shape(), out);
        long[] c = cond.toLongs();
        int[] which = new int[ic.length];
        int[] index = new int[ic.length];
        for (int i = 0; i < ic.length; i++) {
            boolean takeX = c[ic[i]] != 0;
            which[i] = takeX ? 0 : 1;
            index[i] = takeX ? ix[i] : iy[i];
        }
        return List.of(Elements.pick(out, List.of(x, y), which, index));
    }

    /** Coordinates of the non-zero elements, [rank, count], in row-major order. */
    static List<Tensor> nonZero(Node n, List<Tensor> in) {
        Tensor x = in.get(0);
        int rank = x.shape().rank();
        int[] dims = x.shape().dims();
        double[] v = x.toDoubles();
        List<int[]> hits = new ArrayList<>();
        int[] coord = new int[rank];
        for (double e : v) {
            if (e != 0) {
                hits.add(coord.clone());
            }
            for (int a = rank - 1; a >= 0 && ++coord[a] == dims[a]; a--) {
                coord[a] = 0;
            }
        }
        long[] out = new long[rank * hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            for (int a = 0; a < rank; a++) {
                out[a * hits.size() + h] = hits.get(h)[a];
            }
        }
        return List.of(Elements.ofLongs(DType.INT64, Shape.of(rank, hits.size()), out));
    }

    /** ScatterND without reduction: a copy of data with the indexed slices replaced by updates. */
    static List<Tensor> scatterNd(Node n, List<Tensor> in) {
        if (!n.getString("reduction", "none").equals("none")) {
            return null;
        }
        Tensor data = in.get(0);
        Shape s = data.shape();
        Shape is = in.get(1).shape();
        int k = is.dim(-1);
        long[] idx = in.get(1).toLongs();
        int tuples = k == 0 ? 0 : idx.length / k;
        int slice = Dims.product(s, k, s.rank());
        if (k > s.rank() || in.get(2).numel() != (long) tuples * slice) {
            throw new IllegalArgumentException("ScatterND of " + in.get(2).shape() + " at " + is + " into " + s);
        }
        int[] st = IndexMaps.strides(s);
        int[] which = new int[Math.toIntExact(data.numel())];
        int[] index = new int[which.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        for (int t = 0; t < tuples; t++) {
            int offset = 0;
            for (int a = 0; a < k; a++) {
                long j = idx[t * k + a];
                int d = s.dim(a);
                if (j < -d || j >= d) {
                    throw new IllegalArgumentException("ScatterND index " + j + " out of range for dim " + d);
                }
                offset += (int) (j < 0 ? j + d : j) * st[a];
            }
            for (int e = 0; e < slice; e++) {
                which[offset + e] = 1;
                index[offset + e] = t * slice + e;
            }
        }
        return List.of(Elements.pick(s, List.of(data, in.get(2)), which, index));
    }
}

package dev.pnnxj.passes.fold;

import dev.pnnxj.ir.Shape;

/**
 * Maps from each output element (row-major flat index) to the input element it reads, built one
 * axis at a time: every data-movement kernel is such a map plus {@link Elements#pick}.
 */
final class IndexMaps {
    private IndexMaps() {
    }

    /** The input offset one output axis contributes at a coordinate. */
    @FunctionalInterface
    interface AxisOffset {
        int at(int axis, int coord);
    }

    /** Row-major strides of a shape, in elements. */
    static int[] strides(Shape s) {
        int[] st = new int[s.rank()];
        int p = 1;
        for (int i = s.rank() - 1; i >= 0; i--) {
            st[i] = p;
            p = Math.multiplyExact(p, s.dim(i));
        }
        return st;
    }

    /** For each element of {@code out}, the sum over axes of {@code offset.at(axis, coord)}. */
    static int[] build(Shape out, AxisOffset offset) {
        int rank = out.rank();
        int[] dims = out.dims();
        int[] map = new int[Math.toIntExact(out.numel())];
        int[] coord = new int[rank];
        for (int i = 0; i < map.length; i++) {
            int o = 0;
            for (int a = 0; a < rank; a++) {
                o += offset.at(a, coord[a]);
            }
            map[i] = o;
            for (int a = rank - 1; a >= 0 && ++coord[a] == dims[a]; a--) {
                coord[a] = 0;
            }
        }
        return map;
    }

    /** Where each element of the broadcast shape {@code out} reads {@code in} (aligned at the end). */
    static int[] broadcast(Shape in, Shape out) {
        int lead = out.rank() - in.rank();
        int[] st = strides(in);
        return build(out, (a, c) -> a < lead || in.dim(a - lead) == 1 ? 0 : c * st[a - lead]);
    }
}

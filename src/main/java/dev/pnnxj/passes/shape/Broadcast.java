package dev.pnnxj.passes.shape;

import static dev.pnnxj.ir.Shape.UNKNOWN;

import dev.pnnxj.ir.Shape;
import java.util.List;

/** Numpy (multidirectional) broadcasting of shapes, the rule every elementwise op shares. */
public final class Broadcast {
    private Broadcast() {
    }

    public static Shape shape(Shape... shapes) {
        return shape(List.of(shapes));
    }

    /**
     * The broadcast shape of {@code shapes}, aligned at their last axes. An unknown dim against a
     * known dim other than 1 is taken to be that dim, as a valid model needs it to be.
     */
    public static Shape shape(List<Shape> shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            rank = Math.max(rank, s.rank());
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int d = 1;
            boolean unknown = false;
            for (Shape s : shapes) {
                int j = i - (rank - s.rank());
                if (j < 0) {
                    continue;
                }
                int e = s.dim(j);
                if (e == UNKNOWN) {
                    unknown = true;
                } else if (e != 1) {
                    if (d != 1 && d != e) {
                        throw new IllegalArgumentException("shapes " + shapes + " do not broadcast");
                    }
                    d = e;
                }
            }
            out[i] = unknown && d == 1 ? UNKNOWN : d;
        }
        return Shape.of(out);
    }
}

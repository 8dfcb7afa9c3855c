package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.Pass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Folds the reshape/transpose/reshape chains that express channel and pixel shuffles, whose 5-D
 * and 6-D intermediates ncnn cannot hold, into single ops.
 *
 * <pre>
 *   a = Reshape(x[N,C,H,W]) → [N,g,C/g,H,W]; t = Transpose(a, perm=[0,2,1,3,4]);
 *   y = Reshape(t) → [N,C,H,W]                       ⇒   y = ShuffleChannel(x){group=g}
 *
 *   a = Reshape(x[N,C,H,W]) → [N,C/r²,r,r,H,W]; t = Transpose(a, perm=[0,1,4,2,5,3]);
 *   y = Reshape(t) → [N,C/r²,H*r,W*r]               ⇒   y = DepthToSpace(x){blocksize=r, mode=CRD}
 *
 *   a = Reshape(x[N,C,H,W]) → [N,r,r,C/r²,H,W]; t = Transpose(a, perm=[0,3,4,1,5,2]);
 *   y = Reshape(t) → [N,C/r²,H*r,W*r]               ⇒   y = DepthToSpace(x){blocksize=r, mode=DCR}
 *
 *   a = Reshape(x[N,C,H,W]) → [N,C,H/r,r,W/r,r]; t = Transpose(a, perm=[0,1,3,5,2,4]);
 *   y = Reshape(t) → [N,C*r²,H/r,W/r]               ⇒   y = SpaceToDepth(x){blocksize=r, mode=CRD}
 *
 *   a = Reshape(x[N,C,H,W]) → [N,C,H/r,r,W/r,r]; t = Transpose(a, perm=[0,3,5,1,2,4]);
 *   y = Reshape(t) → [N,r²*C,H/r,W/r]               ⇒   y = SpaceToDepth(x){blocksize=r}
 *
 *   when a and t have no other reader and all shapes are known
 * </pre>
 */
public final class FuseChannelShuffle implements Pass {
    private static final long[] CHANNEL_SHUFFLE = {0, 2, 1, 3, 4};
    private static final long[] CRD = {0, 1, 4, 2, 5, 3};
    private static final long[] DCR = {0, 3, 4, 1, 5, 2};
    private static final long[] UNSHUFFLE_CRD = {0, 1, 3, 5, 2, 4};
    private static final long[] UNSHUFFLE_DCR = {0, 3, 5, 1, 2, 4};

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node last : new ArrayList<>(g.nodes())) {
            if (!last.op().equals("Reshape")) {
                continue;
            }
            Node transpose = Rewrite.producer(last.input(0), "Transpose");
            Node first = transpose == null ? null : Rewrite.producer(transpose.input(0), "Reshape");
            if (first == null || !Rewrite.soleReader(g, last.input(0), last)
                    || !Rewrite.soleReader(g, transpose.input(0), transpose)) {
                continue;
            }
            Value x = first.input(0);
            Shape in = x.shape();
            Shape mid = first.output(0).shape();
            Shape out = last.output(0).shape();
            if (in == null || mid == null || out == null || !in.isKnown() || !mid.isKnown() || !out.isKnown()
                    || in.rank() != 4 || out.rank() != 4) {
                continue;
            }
            long[] perm = transpose.getInts("perm");
            int[] m = mid.dims();
            int[] i = in.dims();
            String op = null;
            Object[] attrs = null;
            if (Arrays.equals(perm, CHANNEL_SHUFFLE) && out.equals(in) && m.length == 5 && m[0] == i[0]
                    && m[1] * m[2] == i[1] && m[3] == i[2] && m[4] == i[3]) {
                op = "ShuffleChannel";
                attrs = new Object[] {"group", (long) m[1]};
            } else if (m.length == 6 && (Arrays.equals(perm, CRD) || Arrays.equals(perm, DCR))) {
                boolean crd = Arrays.equals(perm, CRD);
                int r = crd ? m[2] : m[1];
                int c = crd ? m[1] : m[3];
                boolean square = crd ? m[3] == r : m[2] == r;
                if (square && m[0] == i[0] && c * r * r == i[1] && m[4] == i[2] && m[5] == i[3]
                        && out.equals(Shape.of(i[0], c, i[2] * r, i[3] * r))) {
                    op = "DepthToSpace";
                    attrs = new Object[] {"blocksize", (long) r, "mode", crd ? "CRD" : "DCR"};
                }
            } else if (m.length == 6 && (Arrays.equals(perm, UNSHUFFLE_CRD) || Arrays.equals(perm, UNSHUFFLE_DCR))) {
                int r = m[3];
                if (m[5] == r && m[0] == i[0] && m[1] == i[1] && m[2] * r == i[2] && m[4] * r == i[3]
                        && out.equals(Shape.of(i[0], i[1] * r * r, m[2], m[4]))) {
                    op = "SpaceToDepth";
                    attrs = Arrays.equals(perm, UNSHUFFLE_CRD) ? new Object[] {"blocksize", (long) r, "mode", "CRD"}
                            : new Object[] {"blocksize", (long) r};
                }
            }
            if (op != null) {
                Node n = Rewrite.replace(g, last, List.of(transpose, first), op, last.name(), List.of(x));
                n.set((String) attrs[0], attrs[1]);
                if (attrs.length > 2) {
                    n.set((String) attrs[2], attrs[3]);
                }
                changed = true;
            }
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
    }
}

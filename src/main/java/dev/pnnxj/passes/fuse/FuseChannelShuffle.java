package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.passes.RewritePass;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
public final class FuseChannelShuffle extends RewritePass<FuseChannelShuffle.Match> {
    private static final long[] CHANNEL_SHUFFLE = {0, 2, 1, 3, 4};
    private static final long[] CRD = {0, 1, 4, 2, 5, 3};
    private static final long[] DCR = {0, 3, 4, 1, 5, 2};
    private static final long[] UNSHUFFLE_CRD = {0, 1, 3, 5, 2, 4};
    private static final long[] UNSHUFFLE_DCR = {0, 3, 5, 1, 2, 4};

    /** The three nodes of the chain (last first), the op replacing them and its attributes. */
    record Match(List<Node> chain, String op, Map<String, Object> attrs) {
    }

    @Override
    public Optional<Match> match(Graph g, Node last) {
        if (!last.op().equals("Reshape")) {
            return Optional.empty();
        }
        Node transpose = Rewrite.producer(last.input(0), "Transpose");
        Node first = transpose == null ? null : Rewrite.producer(transpose.input(0), "Reshape");
        if (first == null || !Rewrite.soleReader(g, last.input(0), last)
                || !Rewrite.soleReader(g, transpose.input(0), transpose)) {
            return Optional.empty();
        }
        Shape in = first.input(0).shape();
        Shape mid = first.output(0).shape();
        Shape out = last.output(0).shape();
        if (in == null || mid == null || out == null || !in.isKnown() || !mid.isKnown() || !out.isKnown()
                || in.rank() != 4 || out.rank() != 4) {
            return Optional.empty();
        }
        long[] perm = transpose.getInts("perm");
        int[] m = mid.dims();
        int[] i = in.dims();
        List<Node> chain = List.of(last, transpose, first);
        if (Arrays.equals(perm, CHANNEL_SHUFFLE) && out.equals(in) && m.length == 5 && m[0] == i[0]
                && m[1] * m[2] == i[1] && m[3] == i[2] && m[4] == i[3]) {
            return Optional.of(new Match(chain, "ShuffleChannel", Map.of("group", (long) m[1])));
        }
        if (m.length == 6 && (Arrays.equals(perm, CRD) || Arrays.equals(perm, DCR))) {
            boolean crd = Arrays.equals(perm, CRD);
            int r = crd ? m[2] : m[1];
            int c = crd ? m[1] : m[3];
            boolean square = crd ? m[3] == r : m[2] == r;
            if (square && m[0] == i[0] && c * r * r == i[1] && m[4] == i[2] && m[5] == i[3]
                    && out.equals(Shape.of(i[0], c, i[2] * r, i[3] * r))) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("blocksize", (long) r);
                attrs.put("mode", crd ? "CRD" : "DCR");
                return Optional.of(new Match(chain, "DepthToSpace", attrs));
            }
        } else if (m.length == 6 && (Arrays.equals(perm, UNSHUFFLE_CRD) || Arrays.equals(perm, UNSHUFFLE_DCR))) {
            int r = m[3];
            if (m[5] == r && m[0] == i[0] && m[1] == i[1] && m[2] * r == i[2] && m[4] * r == i[3]
                    && out.equals(Shape.of(i[0], i[1] * r * r, m[2], m[4]))) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("blocksize", (long) r);
                if (Arrays.equals(perm, UNSHUFFLE_CRD)) {
                    attrs.put("mode", "CRD");
                }
                return Optional.of(new Match(chain, "SpaceToDepth", attrs));
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Graph g, Match m) {
        Node last = m.chain().get(0);
        Node first = m.chain().get(2);
        Node n = Rewrite.replace(g, last, m.chain().subList(1, 3), m.op(), last.name(), List.of(first.input(0)));
        m.attrs().forEach(n::set);
    }
}

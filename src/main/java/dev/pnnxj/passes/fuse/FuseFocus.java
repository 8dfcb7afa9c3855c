package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.List;
import java.util.Optional;

/**
 * YOLOv5's Focus, four stride-2 subsamplings concatenated on channels, as one SpaceToDepth
 * (ncnn Reorg) instead of twelve slicing layers:
 *
 * <pre>
 *   Concat(x[..., r0::2, c0::2], ..., x[..., r3::2, c3::2], axis=1), {(ri, ci)} = {0,1}^2
 *     ⇒  t = SpaceToDepth(x, 2)                       when the blocks are in SpaceToDepth order
 *     ⇒  Concat(Split(t, 4 x C)[k0], ..., [k3])      otherwise, ki = ri*2 + ci
 * </pre>
 * Each subsampling is a Slice with step 2 on H then on W, or W then H; H and W must be even, so
 * every block has H/2 x W/2 elements. The slices are left to dead-node elimination.
 */
public final class FuseFocus extends RewritePass<FuseFocus.Match> {

    /** The Concat, the tensor x it subsamples and the SpaceToDepth block each of its inputs is. */
    record Match(Node concat, Value x, int[] blocks) {
    }

    @Override
    public Optional<Match> match(Graph g, Node concat) {
        if (!concat.op().equals("Concat") || concat.inputs().size() != 4) {
            return Optional.empty();
        }
        Value x = null;
        int[] blocks = new int[4];
        boolean[] seen = new boolean[4];
        for (int i = 0; i < 4; i++) {
            int[] rc = {-1, -1};
            Value src = subsampled(concat.input(i), rc);
            if (src == null || x != null && src != x || rc[0] < 0 || rc[1] < 0) {
                return Optional.empty();
            }
            x = src;
            blocks[i] = rc[0] * 2 + rc[1];
            if (seen[blocks[i]]) {
                return Optional.empty();
            }
            seen[blocks[i]] = true;
        }
        Shape s = x.shape();
        if (s == null || s.rank() != 4 || !s.isKnown() || s.dim(2) % 2 != 0 || s.dim(3) % 2 != 0
                || s.axis(concat.getInt("axis", 0)) != 1) {
            return Optional.empty();
        }
        return Optional.of(new Match(concat, x, blocks));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node concat = m.concat();
        Value x = m.x();
        int[] blocks = m.blocks();
        Shape s = x.shape();
        if (blocks[0] == 0 && blocks[1] == 1 && blocks[2] == 2 && blocks[3] == 3) {
            Rewrite.replace(g, concat, List.of(), "SpaceToDepth", concat.name() + "_focus_", List.of(x))
                    .set("blocksize", 2L);
            return;
        }
        int c = s.dim(1);
        Node s2d = g.addNode("SpaceToDepth", concat.name() + "_focus", List.of(x), List.of(concat.name() + "_focus"));
        s2d.set("blocksize", 2L);
        Value t = s2d.output(0);
        t.setDtype(x.dtype());
        t.setShape(Shape.of(s.dim(0), c * 4, s.dim(2) / 2, s.dim(3) / 2));
        Value sizes = g.constant(concat.name() + "_focus_split", Tensor.ofLongs(Shape.of(4), c, c, c, c));
        Node split = g.addNode("Split", concat.name() + "_focus_split", List.of(t, sizes),
                List.of("b0", "b1", "b2", "b3").stream().map(h -> concat.name() + "_focus_" + h).toList());
        split.set("axis", 1L);
        for (Value b : split.outputs()) {
            b.setDtype(x.dtype());
            b.setShape(Shape.of(s.dim(0), c, s.dim(2) / 2, s.dim(3) / 2));
        }
        for (int i = 0; i < 4; i++) {
            concat.setInput(i, split.output(blocks[i]));
        }
    }

    /**
     * The tensor v subsamples by two on both H and W, with the row offset in rc[0] and the column
     * offset in rc[1]; null unless v is two single-axis stride-2 Slices of it.
     */
    private static Value subsampled(Value v, int[] rc) {
        for (int k = 0; k < 2; k++) {
            Node slice = Rewrite.producer(v, "Slice");
            if (slice == null) {
                return null;
            }
            Value in = slice.input(0);
            if (in.shape() == null || in.shape().rank() != 4) {
                return null;
            }
            int[] axisStart = stride2(slice, in.shape());
            if (axisStart == null || rc[axisStart[0] - 2] != -1) {
                return null;
            }
            rc[axisStart[0] - 2] = axisStart[1];
            v = in;
        }
        return v;
    }

    /** {axis, start} of a Slice taking every second element of axis 2 or 3 from start 0 or 1 to the end. */
    private static int[] stride2(Node slice, Shape shape) {
        if (slice.inputs().size() < 5) {
            return null;
        }
        for (int i = 1; i < 5; i++) {
            Value v = slice.input(i);
            if (v == null || !v.isConstant() || v.constant().numel() != 1) {
                return null;
            }
        }
        int axis = shape.axis(slice.input(3).constant().toLongs()[0]);
        long start = slice.input(1).constant().toLongs()[0];
        long end = slice.input(2).constant().toLongs()[0];
        long step = slice.input(4).constant().toLongs()[0];
        if (axis < 2 || step != 2 || start != 0 && start != 1 || end < shape.dim(axis)) {
            return null;
        }
        return new int[] {axis, (int) start};
    }
}

package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.RewritePass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Sibling Slices that cut one tensor into consecutive pieces along one axis become one Split,
 * which ncnn runs as a single Slice layer instead of a Split layer feeding one Crop per piece
 * (the ONNX exporter writes {@code x.chunk(2, dim=1)} of ShuffleNet that way).
 *
 * <pre>
 *   y_i = Slice(x, [s_i], [e_i], [a]) (step 1), the ranges [s_i, e_i) tiling [0, dim_a(x)) exactly
 *     ⇒  (y_0, .., y_k) = Split(x, [e_0 - s_0, ..]){axis=a}, outputs in range order
 * </pre>
 */
public final class FuseSlicesIntoSplit extends RewritePass<List<FuseSlicesIntoSplit.Piece>> {

    /** One Slice of x: its node and the range it takes along {@code axis}. */
    record Piece(Node slice, int axis, long start, long end) {
    }

    /** At a Slice: it and its sibling Slices along the same axis, in range order, when they tile it. */
    @Override
    public Optional<List<Piece>> match(Graph g, Node n) {
        Piece first = piece(n);
        if (first == null) {
            return Optional.empty();
        }
        Value x = n.input(0);
        List<Piece> pieces = new ArrayList<>();
        for (Node u : new LinkedHashSet<>(x.users())) {
            Piece p = u.input(0) == x ? piece(u) : null;
            if (p != null && p.axis() == first.axis()) {
                pieces.add(p);
            }
        }
        if (pieces.size() < 2) {
            return Optional.empty();
        }
        pieces.sort(Comparator.comparingLong(Piece::start));
        long next = 0;
        for (Piece p : pieces) {
            if (p.start() != next) {
                return Optional.empty();
            }
            next = p.end();
        }
        return next == x.shape().dim(first.axis()) ? Optional.of(pieces) : Optional.empty();
    }

    @Override
    public void apply(Graph g, List<Piece> pieces) {
        Value x = pieces.get(0).slice().input(0);
        long[] sizes = new long[pieces.size()];
        List<Value> outputs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Piece p = pieces.get(i);
            sizes[i] = p.end() - p.start();
            outputs.add(p.slice().output(0));
            g.removeNode(p.slice());
        }
        String name = pieces.get(0).slice().name() + "_split";
        Value split = g.constant(name + "_sizes", Tensor.ofLongs(Shape.of(sizes.length), sizes));
        g.addNodeWithOutputs("Split", name, List.of(x, split), outputs).set("axis", (long) pieces.get(0).axis());
    }

    /** The Slice as a range along one axis of an activation of known shape, or null. */
    private static Piece piece(Node n) {
        Value x = n.input(0);
        if (!n.op().equals("Slice") || x == null || x.isConstant() || x.shape() == null || !x.shape().isKnown()
                || n.inputs().size() < 4 || !constOne(n.input(1)) || !constOne(n.input(2)) || !constOne(n.input(3))
                || n.input(4) != null && !(constOne(n.input(4)) && n.input(4).constant().toLongs()[0] == 1)) {
            return null;
        }
        int axis = x.shape().axis(n.input(3).constant().toLongs()[0]);
        long dim = x.shape().dim(axis);
        long start = clamp(n.input(1).constant().toLongs()[0], dim);
        long end = clamp(n.input(2).constant().toLongs()[0], dim);
        return end > start ? new Piece(n, axis, start, end) : null;
    }

    private static boolean constOne(Value v) {
        return v != null && v.isConstant() && v.constant().numel() == 1;
    }

    /** An ONNX Slice bound: negative counts from the end, then clamped into [0, dim]. */
    private static long clamp(long bound, long dim) {
        long b = bound < 0 ? bound + dim : bound;
        return Math.max(0, Math.min(b, dim));
    }
}

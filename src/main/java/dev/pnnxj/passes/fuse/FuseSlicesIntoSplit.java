package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.Pass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class FuseSlicesIntoSplit implements Pass {

    /** One Slice of x: its node and the range it takes along {@code axis}. */
    private record Piece(Node slice, int axis, long start, long end) {
    }

    @Override
    public boolean run(Graph g) {
        Map<Value, Map<Integer, List<Piece>>> byInput = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            Piece p = piece(n);
            if (p != null) {
                byInput.computeIfAbsent(n.input(0), k -> new LinkedHashMap<>())
                        .computeIfAbsent(p.axis(), k -> new ArrayList<>()).add(p);
            }
        }
        boolean changed = false;
        for (var perInput : byInput.entrySet()) {
            for (List<Piece> pieces : perInput.getValue().values()) {
                changed |= fuse(g, perInput.getKey(), pieces);
            }
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
    }

    private static boolean fuse(Graph g, Value x, List<Piece> pieces) {
        if (pieces.size() < 2) {
            return false;
        }
        pieces.sort(Comparator.comparingLong(Piece::start));
        int axis = pieces.get(0).axis();
        long next = 0;
        long[] sizes = new long[pieces.size()];
        for (int i = 0; i < sizes.length; i++) {
            Piece p = pieces.get(i);
            if (p.start() != next) {
                return false;
            }
            sizes[i] = p.end() - p.start();
            next = p.end();
        }
        if (next != x.shape().dim(axis)) {
            return false;
        }
        List<Value> outputs = new ArrayList<>();
        for (Piece p : pieces) {
            outputs.add(p.slice().output(0));
            g.removeNode(p.slice());
        }
        String name = pieces.get(0).slice().name() + "_split";
        Value split = g.constant(name + "_sizes", Tensor.ofLongs(Shape.of(sizes.length), sizes));
        g.addNodeWithOutputs("Split", name, List.of(x, split), outputs).set("axis", (long) axis);
        return true;
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

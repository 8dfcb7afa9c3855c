package dev.pnnxj.passes;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns PyTorch's {@code out = zeros(...); out[a:b, c:d] = x; ...} — a chain of ScatterND whose
 * base is an all-zero constant, whose indices are constant and each address one rectangular block,
 * and whose updates depend on data — into Slice and Concat, which ncnn runs.
 *
 * <pre>
 *   o1 = ScatterND(zeros[S], boxIndices1, u1); ...; y = ScatterND(o(k-1), boxIndicesK, uK)
 *     ⇒  y = Concat of the blocks along the axis that cuts fewest blocks, recursively;
 *        a piece no block covers is a zero constant, a piece inside block i is (a Slice of) ui
 *   when the blocks do not overlap and the intermediate results have no other reader
 * </pre>
 *
 * Indices address a block when they have shape [n0..n(k-1), k] and entry (i0..i(k-1)) is
 * (s0+i0, .., s(k-1)+i(k-1)): the updates then have exactly the block's shape.
 */
public final class RewriteSliceAssignment extends RewritePass<RewriteSliceAssignment.Assignment> {

    /** A block [lo, hi) per axis and the value written into it. */
    private record Block(int[] lo, int[] hi, Value updates) {
    }

    /** The last ScatterND of a chain, the zeros it writes into, the blocks written and the chain. */
    record Assignment(Node last, Value base, List<Block> blocks, List<Node> chain) {
    }

    @Override
    public Optional<Assignment> match(Graph g, Node last) {
        if (!last.op().equals("ScatterND") || readByScatter(last)) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        List<Node> chain = new ArrayList<>();
        Value base = collect(g, last, blocks, chain);
        return base == null ? Optional.empty() : Optional.of(new Assignment(last, base, blocks, chain));
    }

    @Override
    public void apply(Graph g, Assignment a) {
        int[] shape = a.base().constant().shape().dims();
        Value out = build(g, a.last().name(), new int[shape.length], shape, a.blocks(), a.base().constant().dtype());
        g.replaceAllUses(a.last().output(0), out);
        for (Node n : a.chain()) {
            g.removeNode(n);
        }
    }

    private static boolean readByScatter(Node n) {
        for (Node u : n.output(0).users()) {
            if (u.op().equals("ScatterND") && u.input(0) == n.output(0)) {
                return true;
            }
        }
        return false;
    }

    /** Walks the chain down to its base; returns the zero base, or null when the pattern does not hold. */
    private static Value collect(Graph g, Node last, List<Block> blocks, List<Node> chain) {
        Node n = last;
        while (true) {
            if (n.has("reduction") && !n.getString("reduction", "none").equals("none")) {
                return null;
            }
            Value data = n.input(0);
            Value indices = n.input(1);
            if (data.shape() == null || !data.shape().isKnown() || indices == null || !indices.isConstant()) {
                return null;
            }
            Block b = block(indices.constant(), data.shape().dims(), n.input(2));
            if (b == null || overlapsAny(b, blocks)) {
                return null;
            }
            blocks.add(b);
            chain.add(n);
            if (data.isConstant()) {
                return isAllZero(data.constant()) ? data : null;
            }
            Node p = data.producer();
            if (p == null || !p.op().equals("ScatterND") || data.users().size() != 1 || g.isOutput(data)) {
                return null;
            }
            n = p;
        }
    }

    private static Block block(Tensor indices, int[] dataShape, Value updates) {
        int[] is = indices.shape().dims();
        int k = is.length - 1;
        if (k < 1 || is[k] != k || k > dataShape.length) {
            return null;
        }
        long[] idx = indices.toLongs();
        int[] lo = new int[dataShape.length];
        int[] hi = dataShape.clone();
        for (int a = 0; a < k; a++) {
            lo[a] = (int) idx[a];
            hi[a] = lo[a] + is[a];
            if (lo[a] < 0 || hi[a] > dataShape[a]) {
                return null;
            }
        }
        int[] counter = new int[k];
        for (int e = 0; e < idx.length / k; e++) {
            for (int a = 0; a < k; a++) {
                if (idx[e * k + a] != lo[a] + counter[a]) {
                    return null;
                }
            }
            for (int a = k - 1; a >= 0 && ++counter[a] == is[a]; a--) {
                counter[a] = 0;
            }
        }
        int[] blockShape = new int[dataShape.length];
        for (int a = 0; a < blockShape.length; a++) {
            blockShape[a] = hi[a] - lo[a];
        }
        if (updates.shape() == null || !updates.shape().equals(Shape.of(blockShape))) {
            return null;
        }
        return new Block(lo, hi, updates);
    }

    private static boolean overlapsAny(Block b, List<Block> others) {
        for (Block o : others) {
            if (intersects(b, o.lo, o.hi)) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(Block b, int[] lo, int[] hi) {
        for (int a = 0; a < lo.length; a++) {
            if (b.hi[a] <= lo[a] || b.lo[a] >= hi[a]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(Tensor t) {
        for (double d : t.toDoubles()) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of region [lo, hi) of the result. */
    private static Value build(Graph g, String name, int[] lo, int[] hi, List<Block> blocks, DType dtype) {
        List<Block> inside = new ArrayList<>();
        for (Block b : blocks) {
            if (intersects(b, lo, hi)) {
                inside.add(b);
            }
        }
        int[] shape = new int[lo.length];
        for (int a = 0; a < lo.length; a++) {
            shape[a] = hi[a] - lo[a];
        }
        if (inside.isEmpty()) {
            return g.constant(name + "_zeros", Tensor.ofDoubles(dtype, Shape.of(shape), new double[(int) Shape.of(shape).numel()]));
        }
        if (inside.size() == 1 && covers(inside.get(0), lo, hi)) {
            return slice(g, name, inside.get(0), lo, hi, shape);
        }
        int bestAxis = -1;
        TreeSet<Integer> bestCuts = null;
        int bestStraddles = Integer.MAX_VALUE;
        for (int a = 0; a < lo.length; a++) {
            TreeSet<Integer> cuts = new TreeSet<>();
            for (Block b : inside) {
                for (int edge : new int[] {b.lo[a], b.hi[a]}) {
                    if (edge > lo[a] && edge < hi[a]) {
                        cuts.add(edge);
                    }
                }
            }
            if (cuts.isEmpty()) {
                continue;
            }
            int straddles = 0;
            for (Block b : inside) {
                straddles += cuts.subSet(b.lo[a], false, b.hi[a], false).size();
            }
            if (straddles < bestStraddles || straddles == bestStraddles && cuts.size() < bestCuts.size()) {
                bestAxis = a;
                bestCuts = cuts;
                bestStraddles = straddles;
            }
        }
        List<Value> pieces = new ArrayList<>();
        int from = lo[bestAxis];
        bestCuts.add(hi[bestAxis]);
        for (int to : bestCuts) {
            int[] plo = lo.clone();
            int[] phi = hi.clone();
            plo[bestAxis] = from;
            phi[bestAxis] = to;
            pieces.add(build(g, name, plo, phi, inside, dtype));
            from = to;
        }
        Node concat = g.addNode("Concat", name + "_concat", pieces, List.of(name + "_concat"));
        concat.set("axis", (long) bestAxis);
        return typed(concat, dtype, shape);
    }

    private static boolean covers(Block b, int[] lo, int[] hi) {
        for (int a = 0; a < lo.length; a++) {
            if (b.lo[a] > lo[a] || b.hi[a] < hi[a]) {
                return false;
            }
        }
        return true;
    }

    /** Region [lo, hi) of a block's updates: the updates themselves, or a Slice of them. */
    private static Value slice(Graph g, String name, Block b, int[] lo, int[] hi, int[] shape) {
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> axes = new ArrayList<>();
        for (int a = 0; a < lo.length; a++) {
            if (lo[a] != b.lo[a] || hi[a] != b.hi[a]) {
                starts.add((long) (lo[a] - b.lo[a]));
                ends.add((long) (hi[a] - b.lo[a]));
                axes.add((long) a);
            }
        }
        if (axes.isEmpty()) {
            return b.updates;
        }
        Node s = g.addNode("Slice", name + "_slice", List.of(b.updates, longs(g, name + "_starts", starts),
                longs(g, name + "_ends", ends), longs(g, name + "_axes", axes)), List.of(name + "_slice"));
        return typed(s, b.updates.dtype(), shape);
    }

    private static Value longs(Graph g, String name, List<Long> values) {
        long[] l = values.stream().mapToLong(Long::longValue).toArray();
        return g.constant(name, Tensor.ofLongs(Shape.of(l.length), l));
    }

    private static Value typed(Node n, DType dtype, int[] shape) {
        n.output(0).setDtype(dtype);
        n.output(0).setShape(Shape.of(shape));
        return n.output(0);
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.LayoutShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Collapses a chain of Transposes and Reshapes that only add or drop size-1 axes into at most one
 * Transpose of the axes longer than 1. Exporters wrap recurrent layers and attention in such chains
 * ({@code [B,T,1,H] -T-> [T,1,B,H] -squeeze-> [T,B,H] -T-> [B,T,H]}); at batch 1 each step is a
 * re-view that {@link MovesAsReshape} handles alone, but at a larger batch only the chain as a
 * whole is seen to keep the data in order:
 *
 * <pre>
 *   y = Transpose(Reshape<sub>unit</sub>(Transpose(x)))   ⇒   y = Reshape(Transpose<sub>π</sub>(Reshape(x, x's long axes)), y's shape)
 * </pre>
 *
 * where π is the net permutation of x's axes longer than 1, left out when it is the identity;
 * {@link MergeConsecutive} and {@link RemoveIdentity} then fold the Reshapes into their neighbours.
 */
public final class TransposeChains extends RewritePass<TransposeChains.Chain> {

    /** A chain ending at a Transpose and the labels that say where each of its input's axes goes. */
    record Chain(List<Node> nodes, int[] labels) {
    }

    @Override
    public Optional<Chain> match(Graph g, Node last) {
        if (!last.op().equals("Transpose")) {
            return Optional.empty();
        }
        List<Node> chain = chain(g, last);
        if (chain.stream().filter(n -> n.op().equals("Transpose")).count() < 2) {
            return Optional.empty();
        }
        int[] labels = labels(chain);
        return labels == null ? Optional.empty() : Optional.of(new Chain(chain, labels));
    }

    @Override
    public void apply(Graph g, Chain c) {
        rewrite(g, c.nodes().get(0).input(0), c.nodes().get(c.nodes().size() - 1), c.labels());
    }

    /** The chain ending at {@code last}, first node first: Transposes and unit Reshapes read only by the next. */
    private static List<Node> chain(Graph g, Node last) {
        List<Node> chain = new ArrayList<>(List.of(last));
        Node n = last;
        while (true) {
            Node p = n.input(0) == null ? null : n.input(0).producer();
            if (p == null || p.output(0).users().size() != 1 || g.isOutput(p.output(0)) || !known(p.input(0))
                    || !known(p.output(0)) || !(p.op().equals("Transpose") || unitReshape(p))) {
                break;
            }
            chain.add(0, p);
            n = p;
        }
        return chain;
    }

    /**
     * For each long axis of the chain's result, the long axis of its input that it holds; null when
     * a step is not understood.
     */
    private static int[] labels(List<Node> chain) {
        Shape in = chain.get(0).input(0).shape();
        int[] labels = new int[in.rank()];
        int next = 0;
        for (int i = 0; i < in.rank(); i++) {
            labels[i] = in.dim(i) == 1 ? -1 : next++;
        }
        for (Node n : chain) {
            Shape from = n.input(0).shape();
            Shape to = n.output(0).shape();
            if (n.op().equals("Transpose")) {
                int[] perm = LayoutShapes.perm(n.getInts("perm"), from.rank());
                int[] moved = new int[perm.length];
                for (int i = 0; i < perm.length; i++) {
                    moved[i] = labels[perm[i]];
                }
                labels = moved;
            } else {
                int[] long0 = Arrays.stream(labels).filter(l -> l >= 0).toArray();
                int[] viewed = new int[to.rank()];
                int k = 0;
                for (int i = 0; i < to.rank(); i++) {
                    viewed[i] = to.dim(i) == 1 ? -1 : long0[k++];
                }
                labels = viewed;
            }
        }
        return Arrays.stream(labels).filter(l -> l >= 0).toArray();
    }

    private static void rewrite(Graph g, Value x, Node last, int[] perm) {
        Value y = last.output(0);
        int[] xDims = x.shape().dims();
        int[] longDims = Arrays.stream(xDims).filter(d -> d != 1).toArray();
        Value v = g.addReshape(last.name() + "_long", x, Shape.of(longDims));
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            identity &= perm[i] == i;
        }
        if (!identity) {
            int[] permuted = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                permuted[i] = longDims[perm[i]];
            }
            Node t = g.addNode("Transpose", last.name() + "_net", List.of(v), List.of(last.name() + "_net"));
            t.set("perm", Arrays.stream(perm).asLongStream().toArray());
            t.output(0).setShape(Shape.of(permuted));
            t.output(0).setDtype(x.dtype());
            v = t.output(0);
        }
        g.removeNode(last);
        g.addNodeWithOutputs("Reshape", last.name(), List.of(v, g.shapeConstant(last.name() + "_shape", y.shape())),
                List.of(y));
    }

    private static boolean unitReshape(Node n) {
        if (!n.op().equals("Reshape")) {
            return false;
        }
        int[] a = Arrays.stream(n.input(0).shape().dims()).filter(d -> d != 1).toArray();
        int[] b = Arrays.stream(n.output(0).shape().dims()).filter(d -> d != 1).toArray();
        return Arrays.equals(a, b);
    }

    private static boolean known(Value v) {
        return v != null && v.shape() != null && v.shape().isKnown();
    }
}

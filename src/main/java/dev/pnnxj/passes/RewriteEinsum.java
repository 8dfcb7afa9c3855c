package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.EinsumEquation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A two-operand einsum whose letters are each batch (in both operands and the result),
 * contracted (in both, not the result) or free (in one operand and the result) becomes one
 * batched MatMul, which ncnn has (ncnn's own Einsum layer takes fewer forms):
 *
 * <pre>
 *   y = Einsum(a, b){equation}, shapes known
 *     ⇒  a' = Reshape(Transpose(a, batch|free_a|contracted), [batch.., L, K])
 *         b' = Reshape(Transpose(b, batch|contracted|free_b), [batch.., K, R])
 *         y  = Transpose(Reshape(MatMul(a', b'), [batch.., free_a.., free_b..]), to the result's order)
 * </pre>
 *
 * Identity transposes and reshapes are left for RemoveIdentity. A letter summed away from one
 * operand alone, or more than two operands, is left as Einsum (reported unsupported).
 */
public final class RewriteEinsum extends RewritePass<RewriteEinsum.Match> {

    /** The Einsum, its equation and its labels sorted into batch, contracted and free (of a, of b) axes. */
    record Match(Node n, EinsumEquation e, String batch, String contracted, String freeA, String freeB) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("Einsum")) {
            return Optional.empty();
        }
        EinsumEquation e = EinsumEquation.parse(n.getString("equation", null));
        if (e == null || n.inputs().size() != 2 || e.inputs().size() != 2) {
            return Optional.empty();
        }
        Value a = n.input(0);
        Value b = n.input(1);
        if (a.shape() == null || b.shape() == null || !a.shape().isKnown() || !b.shape().isKnown()
                || a.shape().rank() != e.inputs().get(0).length() || b.shape().rank() != e.inputs().get(1).length()) {
            return Optional.empty();
        }
        String la = e.inputs().get(0);
        String lb = e.inputs().get(1);
        String out = e.output();
        StringBuilder batch = new StringBuilder();
        StringBuilder contracted = new StringBuilder();
        StringBuilder freeA = new StringBuilder();
        StringBuilder freeB = new StringBuilder();
        for (char c : out.toCharArray()) {
            boolean inA = la.indexOf(c) >= 0;
            boolean inB = lb.indexOf(c) >= 0;
            (inA && inB ? batch : inA ? freeA : freeB).append(c);
        }
        for (char c : la.toCharArray()) {
            if (lb.indexOf(c) >= 0 && out.indexOf(c) < 0) {
                contracted.append(c);
            } else if (lb.indexOf(c) < 0 && out.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        for (char c : lb.toCharArray()) {
            if (la.indexOf(c) < 0 && out.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(n, e, batch.toString(), contracted.toString(), freeA.toString(),
                freeB.toString()));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.n();
        EinsumEquation e = m.e();
        Value a = n.input(0);
        Value b = n.input(1);
        String la = e.inputs().get(0);
        String lb = e.inputs().get(1);
        String out = e.output();
        String batch = m.batch();
        String contracted = m.contracted();
        String freeA = m.freeA();
        String freeB = m.freeB();
        List<Shape> shapes = List.of(a.shape(), b.shape());
        String name = n.name();
        Value left = view(g, name + "_a", a, la, batch + freeA + contracted,
                batch.length(), size(e, freeA, shapes), size(e, contracted, shapes));
        Value right = view(g, name + "_b", b, lb, batch + contracted + freeB,
                batch.length(), size(e, contracted, shapes), size(e, freeB, shapes));
        Value product = g.addNode("MatMul", name, List.of(left, right), List.of(name)).output(0);
        String order = batch + freeA + freeB;
        int[] dims = new int[order.length()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = e.size(order.charAt(k), shapes);
        }
        Value grid = g.addReshape(name + "_grid", product, Shape.of(dims));
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        g.addNodeWithOutputs("Transpose", name + "_out", List.of(grid), outputs).set("perm", perm(order, out));
    }

    /** x transposed to {@code order} and viewed as [its batch axes.., rows, cols]. */
    private static Value view(Graph g, String name, Value x, String labels, String order, int batch, int rows, int cols) {
        Node t = g.addNode("Transpose", name + "_t", List.of(x), List.of(name + "_t"));
        t.set("perm", perm(labels, order));
        int[] permuted = new int[order.length()];
        for (int k = 0; k < permuted.length; k++) {
            permuted[k] = x.shape().dim(labels.indexOf(order.charAt(k)));
        }
        t.output(0).setShape(Shape.of(permuted));
        t.output(0).setDtype(x.dtype());
        int[] dims = new int[batch + 2];
        System.arraycopy(permuted, 0, dims, 0, batch);
        dims[batch] = rows;
        dims[batch + 1] = cols;
        return g.addReshape(name, t.output(0), Shape.of(dims));
    }

    private static int size(EinsumEquation e, CharSequence labels, List<Shape> shapes) {
        int p = 1;
        for (int i = 0; i < labels.length(); i++) {
            p *= e.size(labels.charAt(i), shapes);
        }
        return p;
    }

    /** The Transpose perm taking axes labelled {@code from} to the order {@code to}. */
    private static long[] perm(String from, String to) {
        long[] p = new long[to.length()];
        for (int k = 0; k < p.length; k++) {
            p[k] = from.indexOf(to.charAt(k));
        }
        return p;
    }
}

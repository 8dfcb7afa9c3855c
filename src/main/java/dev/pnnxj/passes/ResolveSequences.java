package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ncnn has no sequences, but one built tensor by tensor from an empty one (an unrolled exporter
 * Loop writes {@code torch.tensor_split(x, indices)} so) is known element by element while
 * converting, so reading it at a constant position is reading that tensor:
 *
 * <pre>
 *   s0 = SequenceEmpty(); s1 = SequenceInsert(s0, a); s2 = SequenceInsert(s1, b[, constant pos]) ...
 *   y = SequenceAt(s_n, constant k)          ⇒   y = Identity(the k-th tensor inserted)
 * </pre>
 *
 * Identity between the steps is looked through; the sequence nodes left unread are removed as dead.
 */
public final class ResolveSequences extends RewritePass<ResolveSequences.Match> {

    /** The SequenceAt and the element it picks. */
    record Match(Node at, Value item) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("SequenceAt") || !n.input(1).isConstant() || n.input(1).constant().numel() != 1) {
            return Optional.empty();
        }
        List<Value> items = elements(n.input(0));
        if (items == null) {
            return Optional.empty();
        }
        long k = n.input(1).constant().toLongs()[0];
        k = k < 0 ? k + items.size() : k;
        return k < 0 || k >= items.size() ? Optional.empty() : Optional.of(new Match(n, items.get((int) k)));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.at();
        List<Value> outputs = new ArrayList<>(n.outputs());
        g.removeNode(n);
        g.addNodeWithOutputs("Identity", n.name(), List.of(m.item()), outputs);
    }

    /** The tensors of a sequence known element by element, or null. */
    private static List<Value> elements(Value seq) {
        Node p = seq.producer();
        if (p == null) {
            return null;
        }
        switch (p.op()) {
            case "SequenceEmpty":
                return new ArrayList<>();
            case "Identity":
                return elements(p.input(0));
            case "SequenceInsert": {
                List<Value> items = elements(p.input(0));
                if (items == null) {
                    return null;
                }
                int at = items.size();
                if (p.inputs().size() > 2 && p.input(2) != null) {
                    if (!p.input(2).isConstant() || p.input(2).constant().numel() != 1) {
                        return null;
                    }
                    long pos = p.input(2).constant().toLongs()[0];
                    pos = pos < 0 ? pos + items.size() : pos;
                    if (pos < 0 || pos > items.size()) {
                        return null;
                    }
                    at = (int) pos;
                }
                items.add(at, p.input(1));
                return items;
            }
            default:
                return null;
        }
    }
}

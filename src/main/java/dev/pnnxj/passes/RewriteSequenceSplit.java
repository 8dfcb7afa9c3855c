package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ONNX exporter writes {@code torch.tensor_split(x, n, dim)} as a SplitToSequence read
 * element by element; ncnn has no sequences, but with constant sizes and indices it is a Split:
 *
 * <pre>
 *   s = SplitToSequence(x, sizes){axis}; y_k = SequenceAt(s, k) for constant k
 *     ⇒  y_0.. = Split(x, sizes){axis}    (sizes a constant 1-D list, keepdims 1, every reader a SequenceAt)
 * </pre>
 */
public final class RewriteSequenceSplit extends RewritePass<RewriteSequenceSplit.Match> {

    /** The SplitToSequence and the SequenceAt result that takes each part (null for a part nobody reads). */
    record Match(Node split, Value[] picked) {
    }

    @Override
    public Optional<Match> match(Graph g, Node n) {
        if (!n.op().equals("SplitToSequence")) {
            return Optional.empty();
        }
        Value sizes = n.input(1);
        if (sizes == null || !sizes.isConstant() || sizes.constant().shape().rank() != 1 || n.getInt("keepdims", 1) != 1
                || g.isOutput(n.output(0))) {
            return Optional.empty();
        }
        int parts = (int) sizes.constant().numel();
        Value[] picked = new Value[parts];
        List<Node> readers = new ArrayList<>(n.output(0).users());
        for (Node r : readers) {
            if (!r.op().equals("SequenceAt") || !r.input(1).isConstant() || r.input(1).constant().numel() != 1) {
                return Optional.empty();
            }
            long k = r.input(1).constant().toLongs()[0];
            k = k < 0 ? k + parts : k;
            if (k < 0 || k >= parts || picked[(int) k] != null) {
                return Optional.empty();
            }
            picked[(int) k] = r.output(0);
        }
        return Optional.of(new Match(n, picked));
    }

    @Override
    public void apply(Graph g, Match m) {
        Node n = m.split();
        Value[] picked = m.picked();
        long axis = n.getInt("axis", 0);
        Value x = n.input(0);
        Value sizes = n.input(1);
        for (Node r : new ArrayList<>(n.output(0).users())) {
            g.removeNode(r);
        }
        g.removeNode(n);
        List<Value> outputs = new ArrayList<>();
        for (Value v : picked) {
            outputs.add(v != null ? v : g.newValue(n.name() + "_unused"));
        }
        g.addNodeWithOutputs("Split", n.name(), List.of(x, sizes), outputs).set("axis", axis);
    }
}

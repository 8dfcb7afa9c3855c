package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites ONNX LSTM, GRU and RNN into pnnx-j's BatchFirstLSTM / BatchFirstGRU / BatchFirstRNN
 * (docs/ir.md), whose tensors are laid out as ncnn's recurrent layers hold them: X [batch, seq,
 * input], Y [batch, seq, num_directions*hidden], states [batch, num_directions, hidden]. The
 * ONNX layout is restored around the new op with Transpose and Reshape nodes, which are exact for
 * any batch; at batch 1 they only move size-1 axes, so {@link MovesAsReshape} and
 * {@link MergeConsecutive} cancel them against the Transpose/Squeeze/Reshape glue exporters put
 * around each layer. Runs whenever X's shape is known, because ncnn cannot hold ONNX's
 * sequence-first Y (its leading axis is not the batch).
 */
public final class RecurrentToBatchFirst extends RewritePass<Node> {
    private static final long[] SWAP01 = {1, 0, 2};
    /** [batch, seq, dirs, hidden] → ONNX layout 0's [seq, dirs, batch, hidden]. */
    private static final long[] TO_SEQ_FIRST_Y = {1, 2, 0, 3};

    @Override
    public Optional<Node> match(Graph g, Node n) {
        boolean recurrent = n.op().equals("LSTM") || n.op().equals("GRU") || n.op().equals("RNN");
        Shape x = n.input(0) == null ? null : n.input(0).shape();
        return recurrent && x != null && x.rank() == 3 && x.isKnown() && hiddenSize(n) > 0
                ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        rewrite(g, n);
    }

    private static void rewrite(Graph g, Node n) {
        boolean seqFirst = n.getInt("layout", 0) == 0;
        Shape xs = n.input(0).shape();
        int batch = xs.dim(seqFirst ? 1 : 0);
        int seq = xs.dim(seqFirst ? 0 : 1);
        int dirs = n.getString("direction", "forward").equals("bidirectional") ? 2 : 1;
        int hidden = hiddenSize(n);
        // an LSTM's projection (input 8, [dirs, proj, hidden]) sets the width of Y and Y_h
        int out = n.input(8) == null ? hidden : n.input(8).shape().dim(1);
        List<Value> inputs = new ArrayList<>(n.inputs());
        List<Value> outputs = new ArrayList<>(n.outputs());
        String name = n.name();
        g.removeNode(n);
        if (seqFirst) {
            inputs.set(0, transpose(g, inputs.get(0), SWAP01, name + "_batch_first", null));
            // initial_h and initial_c are [dirs, batch, hidden] in layout 0
            for (int i = 5; i <= 6 && i < inputs.size(); i++) {
                if (inputs.get(i) != null) {
                    inputs.set(i, transpose(g, inputs.get(i), SWAP01, name + "_state" + i, null));
                }
            }
        }
        // the new op writes an original state output itself when the layouts hold the same
        // elements in the same order, so a graph output keeps its ONNX name
        boolean sameOrder = !seqFirst || batch == 1 || dirs == 1;
        List<Value> bfOutputs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Value o = outputs.get(i);
            boolean direct = i > 0 && sameOrder && Shape.of(batch, dirs, i == 1 ? out : hidden).equals(o.shape());
            bfOutputs.add(direct ? o : g.newValue(o.name() + "_batch_first"));
        }
        Node bf = g.addNodeWithOutputs("BatchFirst" + n.op(), name, inputs, bfOutputs);
        n.attrs().forEach((k, v) -> {
            if (!k.equals("layout")) {
                bf.set(k, v);
            }
        });
        ShapeRules.get(bf.op()).infer(bf);
        long[] y4 = {batch, seq, dirs, out};
        if (seqFirst) {
            Value split = reshape(g, bfOutputs.get(0), y4, name + "_y", null);
            transpose(g, split, TO_SEQ_FIRST_Y, name + "_y_seq_first", outputs.get(0));
        } else {
            reshape(g, bfOutputs.get(0), y4, name + "_y", outputs.get(0));
        }
        for (int i = 1; i < outputs.size(); i++) {
            if (bfOutputs.get(i) != outputs.get(i)) {
                transpose(g, bfOutputs.get(i), SWAP01, name + "_state_out" + i, outputs.get(i));
            }
        }
    }

    private static int hiddenSize(Node n) {
        if (n.has("hidden_size")) {
            return (int) n.getInt("hidden_size", 0);
        }
        Value r = n.input(8) != null ? n.input(8) : n.input(2);
        return r != null && r.shape() != null && r.shape().rank() == 3 ? r.shape().dim(2) : -1;
    }

    /** A Transpose of v into {@code to}, or into a new value when {@code to} is null. */
    private static Value transpose(Graph g, Value v, long[] perm, String name, Value to) {
        Node t = add(g, "Transpose", name, List.of(v), to);
        t.set("perm", perm);
        ShapeRules.get("Transpose").infer(t);
        return t.output(0);
    }

    /** A Reshape of v into {@code to}, or into a new value when {@code to} is null. */
    private static Value reshape(Graph g, Value v, long[] dims, String name, Value to) {
        Value target = g.constant(name + "_shape", Tensor.ofLongs(Shape.of(dims.length), dims));
        Node r = add(g, "Reshape", name, List.of(v, target), to);
        ShapeRules.get("Reshape").infer(r);
        return r.output(0);
    }

    private static Node add(Graph g, String op, String name, List<Value> inputs, Value to) {
        return to == null ? g.addNode(op, name, inputs, List.of(name))
                : g.addNodeWithOutputs(op, name, inputs, List.of(to));
    }
}

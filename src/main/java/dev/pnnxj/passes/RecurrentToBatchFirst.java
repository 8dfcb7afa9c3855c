package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.List;

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
public final class RecurrentToBatchFirst implements Pass {
    private static final long[] SWAP01 = {1, 0, 2};
    /** [batch, seq, dirs, hidden] → ONNX layout 0's [seq, dirs, batch, hidden]. */
    private static final long[] TO_SEQ_FIRST_Y = {1, 2, 0, 3};

    @Override
    public boolean run(Graph g) {
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            boolean recurrent = n.op().equals("LSTM") || n.op().equals("GRU") || n.op().equals("RNN");
            Shape x = n.input(0) == null ? null : n.input(0).shape();
            if (recurrent && x != null && x.rank() == 3 && x.isKnown() && hiddenSize(n) > 0) {
                rewrite(g, n);
                changed = true;
            }
        }
        if (changed) {
            g.sortTopologically();
        }
        return changed;
    }

    private static void rewrite(Graph g, Node n) {
        boolean seqFirst = n.getInt("layout", 0) == 0;
        Shape xs = n.input(0).shape();
        int batch = xs.dim(seqFirst ? 1 : 0);
        int seq = xs.dim(seqFirst ? 0 : 1);
        int dirs = n.getString("direction", "forward").equals("bidirectional") ? 2 : 1;
        int hidden = hiddenSize(n);
        List<Value> inputs = new ArrayList<>(n.inputs());
        List<Value> outputs = new ArrayList<>(n.outputs());
        String name = n.name();
        g.removeNode(n);
        if (seqFirst) {
            inputs.set(0, transpose(g, inputs.get(0), SWAP01, name + "_batch_first"));
            // initial_h and initial_c are [dirs, batch, hidden] in layout 0
            for (int i = 5; i <= 6 && i < inputs.size(); i++) {
                if (inputs.get(i) != null) {
                    inputs.set(i, transpose(g, inputs.get(i), SWAP01, name + "_state" + i));
                }
            }
        }
        List<String> hints = new ArrayList<>();
        for (Value v : outputs) {
            hints.add(v.name() + "_bf");
        }
        Node bf = g.addNode("BatchFirst" + n.op(), name, inputs, hints);
        n.attrs().forEach((k, v) -> {
            if (!k.equals("layout")) {
                bf.set(k, v);
            }
        });
        ShapeRules.get(bf.op()).infer(bf);
        Value yMerged = bf.output(0);
        Value y4 = reshape(g, yMerged, new long[] {batch, seq, dirs, hidden}, name + "_y");
        connect(g, seqFirst ? transpose(g, y4, TO_SEQ_FIRST_Y, name + "_y_seq_first") : y4, outputs.get(0));
        for (int i = 1; i < outputs.size(); i++) {
            Value state = bf.output(i);
            connect(g, seqFirst ? transpose(g, state, SWAP01, name + "_state_out" + i) : state, outputs.get(i));
        }
    }

    private static int hiddenSize(Node n) {
        if (n.has("hidden_size")) {
            return (int) n.getInt("hidden_size", 0);
        }
        Value r = n.input(2);
        return r != null && r.shape() != null && r.shape().rank() == 3 ? r.shape().dim(2) : -1;
    }

    /** Makes the original output {@code to} a plain copy of {@code from}, so its readers keep their value. */
    private static void connect(Graph g, Value from, Value to) {
        Node id = g.addNodeWithOutputs("Identity", to.name() + "_from_batch_first", List.of(from), List.of(to));
        ShapeRules.get("Identity").infer(id);
    }

    private static Value transpose(Graph g, Value v, long[] perm, String name) {
        Node t = g.addNode("Transpose", name, List.of(v), List.of(name));
        t.set("perm", perm);
        ShapeRules.get("Transpose").infer(t);
        return t.output(0);
    }

    private static Value reshape(Graph g, Value v, long[] dims, String name) {
        Value target = g.constant(name + "_shape", Tensor.ofLongs(Shape.of(dims.length), dims));
        Node r = g.addNode("Reshape", name, List.of(v, target), List.of(name));
        ShapeRules.get("Reshape").infer(r);
        return r.output(0);
    }
}

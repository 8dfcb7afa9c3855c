package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * aten::lstm / gru / rnn_tanh / rnn_relu → one ONNX LSTM / GRU / RNN node per layer, with ONNX's
 * weight layout: W [dirs, gates*H, I], R [dirs, gates*H, H], B [dirs, 2*gates*H] (input biases,
 * then hidden biases), gates reordered from torch's (i,f,g,o) to ONNX's (i,o,f,c) for LSTM and
 * from (r,z,n) to (z,r,h) for GRU, whose torch form applies the reset gate after the hidden
 * matmul (linear_before_reset = 1). batch_first runs with layout = 1. Zero initial states are
 * left out, as ONNX defaults them to zero. An LSTM with proj_size gets its projections
 * (weight_hr, [dirs, proj, hidden]) as pnnx-j's input 8 (docs/ir.md).
 */
final class RecurrentOps {
    /** The cell kinds: ONNX op, gate count, torch gate order as ONNX gate → torch gate index. */
    enum Cell {
        LSTM("LSTM", new int[] {0, 3, 1, 2}, null),
        GRU("GRU", new int[] {1, 0, 2}, null),
        RNN_TANH("RNN", new int[] {0}, "Tanh"),
        RNN_RELU("RNN", new int[] {0}, "Relu");

        final String op;
        final int[] order;
        final String activation;

        Cell(String op, int[] order, String activation) {
            this.op = op;
            this.order = order;
            this.activation = activation;
        }

        int gates() {
            return order.length;
        }
    }

    private RecurrentOps() {
    }

    static Tuple recurrent(OpArgs a, Cell cell) {
        if (a.flag("train", false)) {
            throw new ScriptError("aten::" + a.op() + " in training mode; call model.eval() before saving");
        }
        IrBuilder ir = a.ir();
        Value x = a.tensor("input");
        List<?> params = a.list("params");
        boolean biases = a.flag("has_biases", true);
        int layers = (int) a.integer("num_layers");
        int dirs = a.flag("bidirectional", false) ? 2 : 1;
        boolean batchFirst = a.flag("batch_first", false);
        int plain = biases ? 4 : 2;
        // torch's LSTM with proj_size > 0 has a fifth (third) tensor per direction, weight_hr
        boolean projected = cell == Cell.LSTM && params.size() == layers * dirs * (plain + 1);
        int perDir = projected ? plain + 1 : plain;
        if (params.size() != layers * dirs * perDir) {
            throw new ScriptError("aten::" + a.op() + " has " + params.size() + " weights, not the " + layers * dirs * plain
                    + " of " + layers + " layer(s) x " + dirs + " direction(s)");
        }
        List<Value> initial = initialStates(a, cell);
        List<List<Value>> states = new ArrayList<>();
        Value input = x;
        for (int l = 0; l < layers; l++) {
            List<?> w = params.subList(l * dirs * perDir, (l + 1) * dirs * perDir);
            int hidden = IrBuilder.dim(w.get(0), 0) / cell.gates();
            IrBuilder.Op op = ir.op(cell.op)
                    .in(input, stack(ir, cell, w, perDir, dirs, 0, false), stack(ir, cell, w, perDir, dirs, 1, false),
                            biases ? stack(ir, cell, w, perDir, dirs, 2, true) : null, null)
                    .attr("hidden_size", hidden)
                    .attr("direction", dirs == 2 ? "bidirectional" : "forward")
                    .attr("layout", batchFirst ? 1 : 0);
            for (Value h : initial) {
                op.in(h == null ? null : layerState(ir, h, l, dirs, batchFirst));
            }
            if (projected) {
                // no peepholes (input 7), then the projections
                op.in(null, stack(ir, null, w, perDir, dirs, plain, false));
            }
            if (cell == Cell.GRU) {
                op.attr("linear_before_reset", 1);
            }
            if (cell.activation != null) {
                op.attr("activations", new String[] {cell.activation});
            }
            List<Value> out = op.outs(cell == Cell.LSTM ? 3 : 2);
            input = sequenceOutput(ir, out.get(0), dirs, batchFirst);
            states.add(out.subList(1, out.size()));
        }
        List<Object> result = new ArrayList<>();
        result.add(input);
        for (int s = 0; s < states.get(0).size(); s++) {
            IrBuilder.Op concat = ir.op("Concat").attr("axis", 0);
            List<Value> perLayer = new ArrayList<>();
            for (List<Value> layerStates : states) {
                Value h = layerStates.get(s);
                perLayer.add(batchFirst ? ir.op("Transpose").in(h).attr("perm", new long[] {1, 0, 2}).out() : h);
            }
            perLayer.forEach(concat::in);
            result.add(perLayer.size() == 1 ? perLayer.get(0) : concat.out());
        }
        return new Tuple(result);
    }

    /** h0 (and c0 for LSTM), each null when it is all zeros. */
    private static List<Value> initialStates(OpArgs a, Cell cell) {
        List<Object> given = new ArrayList<>();
        if (cell == Cell.LSTM) {
            given.addAll(a.list("hx"));
        } else {
            given.add(a.get("hx"));
        }
        List<Value> out = new ArrayList<>();
        for (Object h : given) {
            Value v = h == null ? null : a.ir().tensor(h);
            out.add(v == null || isZero(v) ? null : v);
        }
        return out;
    }

    private static boolean isZero(Value v) {
        if (v.isConstant()) {
            for (double d : v.constant().toDoubles()) {
                if (d != 0) {
                    return false;
                }
            }
            return true;
        }
        Node p = v.producer();
        if (p == null || !p.op().equals("ConstantOfShape")) {
            return false;
        }
        Tensor fill = p.getTensor("value");
        return fill == null || fill.scalar() == 0;
    }

    /** Layer l's slice [l*dirs, (l+1)*dirs) of a torch state [layers*dirs, batch, H], in the node's layout. */
    private static Value layerState(IrBuilder ir, Value h, int l, int dirs, boolean batchFirst) {
        Value s = ir.op("Slice").in(h, ir.longs(l * dirs), ir.longs((l + 1) * dirs), ir.longs(0)).out();
        return batchFirst ? ir.op("Transpose").in(s).attr("perm", new long[] {1, 0, 2}).out() : s;
    }

    /** Y ([seq, dirs, batch, H] or [batch, seq, dirs, H]) as torch's output [.., .., dirs*H]. */
    private static Value sequenceOutput(IrBuilder ir, Value y, int dirs, boolean batchFirst) {
        if (dirs == 1) {
            return ir.op("Squeeze").in(y, ir.longs(batchFirst ? 2 : 1)).out();
        }
        Value v = batchFirst ? y : ir.op("Transpose").in(y).attr("perm", new long[] {0, 2, 1, 3}).out();
        return ir.op("Reshape").in(v, ir.longs(0, 0, -1)).out();
    }

    /**
     * One of W (which 0), R (1) or B (2, input and hidden biases joined) for all directions of a
     * layer, gates in ONNX order; with a null cell, an LSTM's projections, which have no gates.
     * Named after the first direction's torch tensor.
     */
    private static Value stack(IrBuilder ir, Cell cell, List<?> w, int perDir, int dirs, int which, boolean bias) {
        List<float[]> parts = new ArrayList<>();
        Shape first = null;
        for (int d = 0; d < dirs; d++) {
            for (int k = 0; k < (bias ? 2 : 1); k++) {
                Object t = w.get(d * perDir + which + k);
                Tensor data = ir.constantData(t, "a recurrent weight");
                first = first == null ? data.shape() : first;
                parts.add(cell == null ? data.toFloats() : reorderGates(data.toFloats(), cell));
            }
        }
        int per = parts.get(0).length;
        float[] all = new float[per * parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, i * per, per);
        }
        Shape shape = bias ? Shape.of(dirs, 2 * first.dim(0)) : Shape.of(dirs, first.dim(0), first.dim(1));
        Object named = w.get(which);
        String name = named instanceof Param p ? (bias ? p.name().replace("bias_ih", "bias") : p.name()) : cell == null ? "LSTM" : cell.op;
        return ir.constant(name, Tensor.ofFloats(shape, all));
    }

    /** Rows grouped in gate blocks of equal size, put into ONNX's gate order. */
    private static float[] reorderGates(float[] torch, Cell cell) {
        int block = torch.length / cell.gates();
        float[] out = new float[torch.length];
        for (int g = 0; g < cell.gates(); g++) {
            System.arraycopy(torch, cell.order[g] * block, out, g * block, block);
        }
        return out;
    }
}

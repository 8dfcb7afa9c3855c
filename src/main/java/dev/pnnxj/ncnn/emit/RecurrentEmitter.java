package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.GRU;
import dev.pnnxj.ncnn.layer.LSTM;
import dev.pnnxj.ncnn.layer.RNN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * pnnx-j's BatchFirstLSTM / BatchFirstGRU / BatchFirstRNN (ONNX's recurrent ops in ncnn's
 * layout, see RecurrentToBatchFirst) → ncnn LSTM / GRU / RNN (0=num_output 1=weight_data_size
 * 2=direction 0 forward, 1 reverse, 2 bidirectional; an LSTM with projections, pnnx-j's input 8,
 * has num_output = the projection size, 3=hidden_size and a fourth weight, weight_hr
 * [dirs][num_output][hidden], as torch's weight_hr).
 *
 * <p>ncnn loads three weights, each with a storage tag (load type 0), per direction in turn:
 * the input weights [gates*hidden, input], the combined biases, the recurrent weights
 * [gates*hidden, num_output]; weight_data_size is the element count of the input weights over all
 * directions. Gates are reordered from ONNX's (LSTM i,o,f,c; GRU z,r,h) into ncnn's (LSTM i,f,o,c;
 * GRU r,z,n). Biases are summed (Wb + Rb) per gate, except that GRU keeps the new gate's two
 * biases apart, [Wb_n] and [Rb_n], because ncnn computes n = tanh(W_n x + Wb_n + r * (R_n h +
 * Rb_n)): ONNX's linear_before_reset=1, the form PyTorch exports. Initial states become extra
 * bottoms and final states extra tops ([num_directions, hidden] blobs); zero initial states are
 * left out, as ncnn starts from zeros.
 */
public final class RecurrentEmitter implements Emitter {
    private final String ncnnType;
    /** ONNX gate index of each ncnn gate, in ncnn's order. */
    private final int[] gateOrder;
    private final List<String> activations;
    /** How many state inputs and outputs the op has (LSTM: hidden and cell). */
    private final int states;

    private RecurrentEmitter(String ncnnType, int[] gateOrder, List<String> activations, int states) {
        this.ncnnType = ncnnType;
        this.gateOrder = gateOrder;
        this.activations = activations;
        this.states = states;
    }

    public static RecurrentEmitter lstm() {
        return new RecurrentEmitter(LSTM.TYPE, new int[] {0, 2, 1, 3}, List.of("Sigmoid", "Tanh", "Tanh"), 2);
    }

    public static RecurrentEmitter gru() {
        return new RecurrentEmitter(GRU.TYPE, new int[] {1, 0, 2}, List.of("Sigmoid", "Tanh"), 1);
    }

    public static RecurrentEmitter rnn() {
        return new RecurrentEmitter(RNN.TYPE, new int[] {0}, List.of("Tanh"), 1);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(ncnnType);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        checkSupported(node);
        int dirs = direction(node) == 2 ? 2 : 1;
        Tensor w = ctx.requireConstant(node, 1, ncnnType + " input weights W");
        Tensor r = ctx.requireConstant(node, 2, ncnnType + " recurrent weights R");
        int gates = gateOrder.length;
        int hidden = w.shape().dim(1) / gates;
        // the width of Y and of the hidden state: an LSTM's projection size, else hidden
        int outputs = r.shape().dim(2);
        int inputSize = w.shape().dim(2);
        float[] bias = node.input(3) == null ? new float[dirs * 2 * gates * hidden]
                : ctx.requireConstant(node, 3, ncnnType + " bias B").toFloats();

        List<String> bottoms = new ArrayList<>(List.of(ctx.blob(node.input(0))));
        bottoms.addAll(initialStates(node, ctx, dirs, new int[] {outputs, hidden}));
        List<Value> tops = new ArrayList<>(List.of(node.output(0)));
        if (usesStates(node, ctx)) {
            for (int i = 1; i <= states; i++) {
                tops.add(i < node.outputs().size() ? node.output(i) : null);
            }
        }
        NcnnLayer l = ctx.add(ncnnType, node);
        l.bottoms.addAll(bottoms);
        for (Value v : tops) {
            l.tops.add(v == null ? ctx.newBlob() : ctx.blob(v));
        }
        // LSTM's and GRU's common params are RNN's
        l.params.put(RNN.NUM_OUTPUT, outputs);
        l.params.put(RNN.WEIGHT_DATA_SIZE, dirs * gates * hidden * inputSize);
        l.params.put(RNN.DIRECTION, direction(node));
        if (outputs != hidden) {
            l.params.put(LSTM.HIDDEN_SIZE, hidden);
        }
        String base = node.name();
        l.weights.add(new Weight(base + ".weight_xc", Tensor.computedFloats(Shape.of(dirs, gates * hidden, inputSize),
                () -> reorder(w.toFloats(), dirs, hidden, inputSize)), true));
        l.weights.add(new Weight(base + ".bias_c", combinedBias(bias, dirs, hidden), true));
        l.weights.add(new Weight(base + ".weight_hc", Tensor.computedFloats(Shape.of(dirs, gates * hidden, outputs),
                () -> reorder(r.toFloats(), dirs, hidden, outputs)), true));
        if (outputs != hidden) {
            Tensor projection = ctx.requireConstant(node, 8, "LSTM projection weights");
            l.weights.add(new Weight(base + ".weight_hr", projection, true));
        }
    }

    private void checkSupported(Node node) {
        if (node.has("clip")) {
            throw new Emitter.Unsupported("ncnn " + ncnnType + " has no cell clip");
        }
        if (node.getInt("input_forget", 0) != 0) {
            throw new Emitter.Unsupported("ncnn LSTM has no coupled input-forget gate (input_forget=1)");
        }
        if (ncnnType.equals(GRU.TYPE) && node.getInt("linear_before_reset", 0) != 1) {
            throw new Emitter.Unsupported("ncnn GRU applies the reset gate after the recurrent product "
                    + "(linear_before_reset=1); this GRU has linear_before_reset=0");
        }
        String[] acts = (String[]) node.attrs().get("activations");
        if (acts != null) {
            for (int i = 0; i < acts.length; i++) {
                if (!acts[i].equalsIgnoreCase(activations.get(i % activations.size()))) {
                    throw new Emitter.Unsupported("ncnn " + ncnnType + " uses activations " + activations
                            + "; this one has " + Arrays.toString(acts));
                }
            }
        }
        Value seqLens = node.input(4);
        if (seqLens != null) {
            int seq = node.input(0).shape().dim(1);
            if (!seqLens.isConstant() || Arrays.stream(seqLens.constant().toLongs()).anyMatch(s -> s != seq)) {
                throw new Emitter.Unsupported("ncnn " + ncnnType + " runs every sequence to its full length; "
                        + "sequence_lens must be absent or all " + seq);
            }
        }
        Value peepholes = node.input(7);
        if (peepholes != null && !isZero(peepholes)) {
            throw new Emitter.Unsupported("ncnn LSTM has no peephole connections (input P)");
        }
    }

    private static int direction(Node node) {
        return switch (node.getString("direction", "forward")) {
            case "forward" -> 0;
            case "reverse" -> 1;
            case "bidirectional" -> 2;
            default -> throw new Emitter.Unsupported("unknown direction " + node.getString("direction", ""));
        };
    }

    /** The initial-state bottoms, sizes[i] wide: none when every given state is a zero constant. */
    private List<String> initialStates(Node node, Lowering ctx, int dirs, int[] sizes) {
        boolean any = false;
        for (int i = 0; i < states; i++) {
            Value v = node.input(5 + i);
            any |= v != null && !isZero(v);
        }
        if (!any) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < states; i++) {
            Value v = node.input(5 + i);
            Shape ncnnShape = Shape.of(dirs, sizes[i]);
            if (v == null) {
                out.add(ctx.memoryData(node.name() + "_zero_state", Tensor.ofFloats(ncnnShape,
                        new float[dirs * sizes[i]])));
            } else if (v.isConstant()) {
                // a constant has no batch axis for ncnn: give it the [dirs, hidden] blob shape
                out.add(ctx.memoryData(v.name() + "_state", v.constant().reshape(ncnnShape)));
            } else {
                out.add(ctx.blob(v));
            }
        }
        return out;
    }

    private boolean usesStates(Node node, Lowering ctx) {
        for (int i = 1; i < node.outputs().size(); i++) {
            Value v = node.output(i);
            if (ctx.isRead(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isZero(Value v) {
        if (!v.isConstant()) {
            return false;
        }
        for (float f : v.constant().toFloats()) {
            if (f != 0) {
                return false;
            }
        }
        return true;
    }

    /** [dirs][onnx gates][hidden][cols] → [dirs][ncnn gates][hidden][cols]. */
    private float[] reorder(float[] src, int dirs, int hidden, int cols) {
        int gates = gateOrder.length;
        int block = hidden * cols;
        float[] out = new float[dirs * gates * block];
        for (int d = 0; d < dirs; d++) {
            for (int g = 0; g < gates; g++) {
                System.arraycopy(src, (d * gates + gateOrder[g]) * block, out, (d * gates + g) * block, block);
            }
        }
        return out;
    }

    /**
     * ONNX B [dirs][Wb gates, Rb gates][hidden] → ncnn's bias rows per direction: Wb + Rb per gate in
     * ncnn order, and for GRU four rows r, z, Wb_n, Rb_n.
     */
    private Tensor combinedBias(float[] b, int dirs, int hidden) {
        int gates = gateOrder.length;
        int rows = ncnnType.equals(GRU.TYPE) ? 4 : gates;
        float[] out = new float[dirs * rows * hidden];
        for (int d = 0; d < dirs; d++) {
            int wb = d * 2 * gates * hidden;
            int rb = wb + gates * hidden;
            for (int g = 0; g < rows; g++) {
                int dst = (d * rows + g) * hidden;
                for (int i = 0; i < hidden; i++) {
                    float v;
                    if (g < gates - 1 || !ncnnType.equals(GRU.TYPE)) {
                        v = b[wb + gateOrder[g] * hidden + i] + b[rb + gateOrder[g] * hidden + i];
                    } else {
                        // GRU new gate: row 2 is Wb_n, row 3 is Rb_n
                        int src = (g == gates - 1 ? wb : rb) + gateOrder[gates - 1] * hidden + i;
                        v = b[src];
                    }
                    out[dst + i] = v;
                }
            }
        }
        return tensor(out, dirs, rows, hidden);
    }

    private static Tensor tensor(float[] v, int... dims) {
        return Tensor.ofFloats(Shape.of(dims), v);
    }
}

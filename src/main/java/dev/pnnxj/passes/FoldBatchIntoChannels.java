package dev.pnnxj.passes;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * In a graph that mixes its batch (see {@link BatchAxis}), runs each convolution, batch or instance norm and
 * pooling over
 * all N samples at once, as ncnn has no batched convolution: the samples are stacked on the
 * channel axis and a convolution gets N times its groups, with its weight and bias repeated.
 *
 * <pre>
 *   y[N,C',..] = Conv(x[N,C,..], W, b){group=g}, N &gt; 1
 *     ⇒  y = Reshape(Conv(Reshape(x, [1,N*C,..]), repeat(W, N), repeat(b, N)){group=N*g}, [N,C',..])
 *   y = BatchNormalization(x[N,C,..], scale, bias, mean, var), N &gt; 1
 *     ⇒  y = Reshape(BatchNormalization(Reshape(x, [1,N*C,..]), each parameter repeated N times), [N,C,..])
 *   y = InstanceNormalization(x[N,C,..], scale, bias), N &gt; 1 (each (sample, channel) normalised alone)
 *     ⇒  y = Reshape(InstanceNormalization(Reshape(x, [1,N*C,..]), scale and bias repeated N times), [N,C,..])
 *   y = MaxPool / AveragePool / GlobalAveragePool / GlobalMaxPool / AdaptiveAveragePool / AdaptiveMaxPool(x[N,C,..]), N &gt; 1
 *     ⇒  y = Reshape(Pool(Reshape(x, [1,N*C,..])), [N,C,..])
 * </pre>
 *
 * The repeated weights make the .bin N times larger for those layers; that is the price of
 * ncnn running N frames through one layer.
 */
public final class FoldBatchIntoChannels implements Pass, NodeRewrite<Node> {
    private static final Set<String> OPS = Set.of("Conv", "BatchNormalization", "InstanceNormalization", "MaxPool",
            "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "AdaptiveAveragePool", "AdaptiveMaxPool");
    /** Ops whose constant inputs hold one entry per channel along axis 0, repeated for each sample. */
    private static final Set<String> PER_CHANNEL = Set.of("Conv", "BatchNormalization", "InstanceNormalization");

    @Override
    public boolean run(Graph g) {
        return BatchAxis.mixed(g) && RewriteDriver.run(g, this);
    }

    @Override
    public Optional<Node> match(Graph g, Node n) {
        Value x = n.input(0);
        Value y = n.output(0);
        boolean fits = OPS.contains(n.op()) && !x.isConstant() && x.shape() != null && y.shape() != null
                && x.shape().isKnown() && y.shape().isKnown() && x.shape().rank() >= 3 && x.shape().dim(0) > 1
                && !(PER_CHANNEL.contains(n.op()) && !weightsConstant(n));
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        Value x = n.input(0);
        Value y = n.output(0);
        int batch = x.shape().dim(0);
        Value stacked = g.addReshape(n.name() + "_stack", x, stack(x.shape()));
        List<Value> inputs = new ArrayList<>(List.of(stacked));
        if (PER_CHANNEL.contains(n.op())) {
            for (int i = 1; i < n.inputs().size(); i++) {
                inputs.add(g.constant(n.input(i).name() + "_x" + batch, repeat(n.input(i).constant(), batch)));
            }
        }
        Node op = g.addNode(n.op(), n.name() + "_stacked", inputs, List.of(n.name() + "_stacked"));
        for (var e : n.attrs().entrySet()) {
            op.set(e.getKey(), e.getValue());
        }
        if (n.op().equals("Conv")) {
            op.set("group", n.getInt("group", 1) * batch);
        }
        op.output(0).setShape(stack(y.shape()));
        op.output(0).setDtype(y.dtype());
        g.removeNode(n);
        g.addNodeWithOutputs("Reshape", n.name() + "_unstack",
                List.of(op.output(0), g.shapeConstant(n.name() + "_unstack_shape", y.shape())), List.of(y));
    }

    private static boolean weightsConstant(Node n) {
        for (int i = 1; i < n.inputs().size(); i++) {
            if (n.input(i) == null || !n.input(i).isConstant()) {
                return false;
            }
        }
        return true;
    }

    /** [N,C,rest..] → [1,N*C,rest..]. */
    private static Shape stack(Shape s) {
        int[] d = s.dims();
        d[1] *= d[0];
        d[0] = 1;
        return Shape.of(d);
    }

    /** The tensor repeated n times along its axis 0. */
    private static Tensor repeat(Tensor t, int n) {
        ByteBuffer src = t.bytes();
        ByteBuffer out = ByteBuffer.allocate(src.remaining() * n).order(src.order());
        for (int i = 0; i < n; i++) {
            out.put(src.duplicate());
        }
        out.flip();
        int[] d = t.shape().dims();
        d[0] *= n;
        return Tensor.of(t.dtype(), Shape.of(d), out);
    }
}

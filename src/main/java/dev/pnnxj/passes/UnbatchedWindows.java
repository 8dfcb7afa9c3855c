package dev.pnnxj.passes;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.WindowShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a convolution or pooling over an unbatched input ([C, L] or [C, H, W], which PyTorch
 * accepts and its ONNX exporter passes through for pooling) the batch axis its layer expects:
 *
 * <pre>
 *   y[C',..] = Op(x[C,..])   ⇒   y = Reshape(Op(Reshape(x, [1,C,..])), [C',..])
 * </pre>
 *
 * The Reshapes only add or drop a 1, which ncnn drops anyway, so they cost no layer.
 */
public final class UnbatchedWindows extends RewritePass<Node> {
    private static final Set<String> OPS = Set.of("Conv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool");

    @Override
    public Optional<Node> match(Graph g, Node n) {
        if (!OPS.contains(n.op()) || n.outputs().size() != 1 || !known(n.input(0)) || !known(n.output(0))) {
            return Optional.empty();
        }
        Shape w = n.input(1) == null ? null : n.input(1).shape();
        int spatial = WindowShapes.kernel(n, w).length;
        return WindowShapes.unbatched(n.input(0).shape(), spatial) ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        Value y = n.output(0);
        List<Value> inputs = new ArrayList<>(n.inputs());
        inputs.set(0, g.addReshape(n.name() + "_batched_in", n.input(0), WindowShapes.withBatch(n.input(0).shape())));
        g.removeNode(n);
        Node op = g.addNode(n.op(), n.name(), inputs, List.of(n.name() + "_batched"));
        n.attrs().forEach(op::set);
        op.output(0).setShape(WindowShapes.withBatch(y.shape()));
        op.output(0).setDtype(y.dtype());
        g.addNodeWithOutputs("Reshape", n.name() + "_unbatched",
                List.of(op.output(0), g.shapeConstant(n.name() + "_unbatched_shape", y.shape())), List.of(y));
    }

    private static boolean known(Value v) {
        return v != null && v.shape() != null && v.shape().isKnown();
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.util.List;
import java.util.Optional;

/**
 * A Gemm whose B is data (torch.mm / addmm of two activations, as the ONNX exporter writes them)
 * cannot become an InnerProduct, which holds B as its weight; spelt as MatMul and elementwise ops
 * it runs as ncnn MatMul and BinaryOp.
 *
 * <pre>
 *   y = Gemm(A, B, C){transA, transB, alpha, beta}, B not constant
 *     ⇒  y = MatMul(A', B') * alpha + C * beta   (A', B' transposed when asked; factors of 1 and
 *                                                 a missing C or beta = 0 left out)
 * </pre>
 */
public final class RewriteDataGemm extends RewritePass<Node> {

    @Override
    public Optional<Node> match(Graph g, Node n) {
        boolean fits = n.op().equals("Gemm") && !n.input(1).isConstant() && n.input(0).shape() != null
                && n.input(1).shape() != null && n.output(0).shape() != null;
        return fits ? Optional.of(n) : Optional.empty();
    }

    @Override
    public void apply(Graph g, Node n) {
        Value y = n.output(0);
        Value a = transposed(g, n, n.input(0), n.getInt("transA", 0) != 0, "_a");
        Value b = transposed(g, n, n.input(1), n.getInt("transB", 0) != 0, "_b");
        float alpha = n.getFloat("alpha", 1f);
        float beta = n.getFloat("beta", 1f);
        Value c = n.inputs().size() > 2 && n.input(2) != null && beta != 0f ? n.input(2) : null;
        Value bias = c == null ? null : beta == 1f ? c
                : add(g, "Mul", n.name() + "_beta", c.shape(), null, c, factor(g, n, "_beta", beta));
        g.removeNode(n);
        Value product = add(g, "MatMul", n.name() + "_mm", y.shape(), alpha == 1f && bias == null ? y : null, a, b);
        if (alpha != 1f) {
            product = add(g, "Mul", n.name() + "_alpha", y.shape(), bias == null ? y : null, product,
                    factor(g, n, "_alpha", alpha));
        }
        if (bias != null) {
            add(g, "Add", n.name(), y.shape(), y, product, bias);
        }
    }

    private static Value transposed(Graph g, Node n, Value x, boolean transpose, String suffix) {
        if (!transpose) {
            return x;
        }
        Value t = add(g, "Transpose", n.name() + suffix + "T", Shape.of(x.shape().dim(1), x.shape().dim(0)), null, x);
        t.producer().set("perm", new long[] {1, 0});
        return t;
    }

    private static Value factor(Graph g, Node n, String suffix, float value) {
        return g.constant(n.name() + suffix, Tensor.ofDoubles(DType.FLOAT32, Shape.SCALAR, value));
    }

    /** A new node computing op(inputs), into {@code into} when given, else into a new value of the shape. */
    private static Value add(Graph g, String op, String name, Shape shape, Value into, Value... inputs) {
        if (into != null) {
            g.addNodeWithOutputs(op, name, List.of(inputs), List.of(into));
            return into;
        }
        Node node = g.addNode(op, name, List.of(inputs), List.of(name));
        node.output(0).setShape(shape);
        node.output(0).setDtype(inputs[0].dtype());
        return node.output(0);
    }
}

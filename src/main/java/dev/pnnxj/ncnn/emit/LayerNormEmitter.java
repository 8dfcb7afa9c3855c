package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnAxes;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import java.util.List;

/**
 * ONNX LayerNormalization → ncnn LayerNorm (0=affine_size 1=eps 2=affine). ncnn normalises each
 * run of {@code affine_size} innermost elements: the row (w), the plane (w*h of a 3-D or 4-D
 * blob) or the whole channel (w*h*d of a 4-D blob), so the IR axes from {@code axis} on must be
 * the innermost one, two or three ncnn axes and never the outermost axis of a 2-D or 3-D blob.
 * gamma and beta are raw fp32 (load type 1), written only when they are not ones and zeros.
 */
public final class LayerNormEmitter implements Emitter {

    @Override
    public void emit(Node node, Lowering ctx) {
        for (int i = 1; i < node.outputs().size(); i++) {
            if (!node.output(i).users().isEmpty() || ctx.graph().isOutput(node.output(i))) {
                throw new Emitter.Unsupported("ncnn LayerNorm does not output the mean or inverse std dev");
            }
        }
        Value x = node.input(0);
        int[] dims = NcnnAxes.dims(x);
        int first = NcnnAxes.axis(x, node.getInt("axis", -1));
        int inner = dims.length - first;
        if (inner > 3 || inner == dims.length && dims.length > 1) {
            throw new Emitter.Unsupported("normalises all " + dims.length + " dims of " + x.shape()
                    + "; ncnn LayerNorm leaves the outermost axis of a 2-D or 3-D blob apart");
        }
        int size = 1;
        for (int i = first; i < dims.length; i++) {
            size *= dims[i];
        }
        Tensor gamma = ctx.requireConstant(node, 1, "LayerNormalization scale");
        Tensor beta = node.input(2) == null ? null : ctx.requireConstant(node, 2, "LayerNormalization bias");
        check(gamma, size, "scale");
        if (beta != null) {
            check(beta, size, "bias");
        }
        boolean affine = !all(gamma, 1) || beta != null && !all(beta, 0);
        NcnnLayer l = ctx.add("LayerNorm", node, List.of(x), List.of(node.output(0)));
        l.params.put(0, size);
        l.params.put(1, node.getFloat("epsilon", 1e-5f));
        l.params.put(2, affine ? 1 : 0);
        if (affine) {
            l.weights.add(new Weight(node.input(1).name(), gamma, false));
            Tensor b = beta != null ? beta : Tensor.ofFloats(Shape.of(size), new float[size]);
            l.weights.add(new Weight(beta != null ? node.input(2).name() : node.name() + ".beta", b, false));
        }
    }

    private static void check(Tensor t, int size, String what) {
        if (t.numel() != size) {
            throw new Emitter.Unsupported("LayerNormalization " + what + " " + t.shape() + " does not have "
                    + size + " values (one per normalised element)");
        }
    }

    private static boolean all(Tensor t, float v) {
        for (float f : t.toFloats()) {
            if (f != v) {
                return false;
            }
        }
        return true;
    }
}

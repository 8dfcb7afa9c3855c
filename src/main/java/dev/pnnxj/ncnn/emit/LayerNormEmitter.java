package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import dev.pnnxj.ncnn.layer.LayerNorm;
import dev.pnnxj.ncnn.layer.RMSNorm;
import java.util.List;
import java.util.Set;

/**
 * ONNX LayerNormalization → ncnn LayerNorm and ONNX RMSNormalization → ncnn RMSNorm (both
 * 0=affine_size 1=eps 2=affine). ncnn normalises each
 * run of {@code affine_size} innermost elements: the row (w), the plane (w*h of a 3-D or 4-D
 * blob) or the whole channel (w*h*d of a 4-D blob), so the IR axes from {@code axis} on must be
 * the innermost one, two or three ncnn axes and never the outermost axis of a 2-D or 3-D blob.
 * gamma and beta (LayerNorm only) are raw fp32 (load type 1), written only when they are not ones
 * and zeros.
 */
public final class LayerNormEmitter implements Emitter {
    private final String ncnnType;
    private final boolean hasBias;

    private LayerNormEmitter(String ncnnType, boolean hasBias) {
        this.ncnnType = ncnnType;
        this.hasBias = hasBias;
    }

    public static LayerNormEmitter layerNorm() {
        return new LayerNormEmitter(LayerNorm.TYPE, true);
    }

    public static LayerNormEmitter rmsNorm() {
        return new LayerNormEmitter(RMSNorm.TYPE, false);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(ncnnType);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        for (int i = 1; i < node.outputs().size(); i++) {
            if (ctx.isRead(node.output(i))) {
                throw new Emitter.Unsupported("ncnn " + ncnnType + " does not output the mean or inverse std dev");
            }
        }
        Value x = node.input(0);
        int[] dims = ctx.dims(x);
        int first = ctx.axis(x, node.getInt("axis", -1));
        int inner = dims.length - first;
        if (inner > 3 || inner == dims.length && dims.length > 1) {
            throw new Emitter.Unsupported("normalises all " + dims.length + " dims of " + x.shape()
                    + "; ncnn " + ncnnType + " leaves the outermost axis of a 2-D or 3-D blob apart");
        }
        int size = 1;
        for (int i = first; i < dims.length; i++) {
            size *= dims[i];
        }
        Tensor gamma = ctx.requireConstant(node, 1, node.op() + " scale");
        Tensor beta = !hasBias || node.input(2) == null ? null : ctx.requireConstant(node, 2, node.op() + " bias");
        check(node, gamma, size, "scale");
        if (beta != null) {
            check(node, beta, size, "bias");
        }
        boolean affine = !all(gamma, 1) || beta != null && !all(beta, 0);
        NcnnLayer l = ctx.add(ncnnType, node, List.of(x), List.of(node.output(0)));
        // RMSNorm's params are LayerNorm's
        l.params.put(LayerNorm.AFFINE_SIZE, size);
        l.params.put(LayerNorm.EPS, node.getFloat("epsilon", 1e-5f));
        l.params.put(LayerNorm.AFFINE, affine ? 1 : 0);
        if (affine) {
            l.weights.add(new Weight(node.input(1).name(), gamma, false));
        }
        if (affine && hasBias) {
            Tensor b = beta != null ? beta : Tensor.ofFloats(Shape.of(size), new float[size]);
            l.weights.add(new Weight(beta != null ? node.input(2).name() : node.name() + ".beta", b, false));
        }
    }

    private static void check(Node node, Tensor t, int size, String what) {
        if (t.numel() != size) {
            throw new Emitter.Unsupported(node.op() + " " + what + " " + t.shape() + " does not have "
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

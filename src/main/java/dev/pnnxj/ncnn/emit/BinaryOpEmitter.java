package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * ONNX Add / Sub / Mul / Div / Max / Min / Pow / Mod → ncnn BinaryOp.
 *
 * <p>A one-element constant becomes the layer's scalar operand (1=with_scalar, 2=b); when it is
 * the left operand the reversed operation is used. Otherwise both operands are brought to the
 * result's ncnn rank first (constants re-viewed, lower-rank activations reshaped with leading 1s):
 * ncnn's own rank-expansion rules differ from numpy's (a 1-D blob matching the channel count is
 * taken per channel), but blobs of equal rank broadcast axis by axis exactly as numpy does.
 */
public final class BinaryOpEmitter implements Emitter {
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int MUL = 2;
    public static final int DIV = 3;
    public static final int MAX = 4;
    public static final int MIN = 5;
    public static final int POW = 6;
    public static final int RSUB = 7;
    public static final int RDIV = 8;
    public static final int RPOW = 9;
    public static final int FMOD = 12;
    public static final int RFMOD = 13;

    private final int opType;
    private final int reversedOpType;

    /** A commutative operation: swapping the operands keeps the op type. */
    public BinaryOpEmitter(int opType) {
        this(opType, opType);
    }

    /** @param reversedOpType the op type computing {@code b op a} from operands (a, b) */
    public BinaryOpEmitter(int opType, int reversedOpType) {
        this.opType = opType;
        this.reversedOpType = reversedOpType;
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(BinaryOp.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value out = node.output(0);
        if (node.inputs().size() == 1) {
            // variadic Max / Min of one tensor
            ctx.alias(out, node.input(0));
            return;
        }
        if (node.inputs().size() != 2) {
            throw new Unsupported("ncnn BinaryOp takes two operands, got " + node.inputs().size());
        }
        emit(ctx, node, node.input(0), node.input(1), out, () -> ctx.blob(out), opType, reversedOpType);
    }

    /**
     * Emits {@code a op b} into the blob {@code top} names; {@code result} is the IR value whose
     * shape the result has (the node's output, or a value of that shape for multi-layer
     * lowerings). The top is named after the operands, so blobs are numbered in layer order.
     */
    public static void emit(Lowering ctx, Node node, Value a, Value b, Value result, Supplier<String> top,
            int opType, int reversedOpType) {
        int[] outDims = Reshapes.target(ctx, result);
        if (isScalarFor(ctx, b, a, outDims)) {
            scalar(ctx, node, ctx.blob(a), top.get(), opType, (float) b.constant().scalar());
        } else if (isScalarFor(ctx, a, b, outDims)) {
            scalar(ctx, node, ctx.blob(b), top.get(), reversedOpType, (float) a.constant().scalar());
        } else {
            String ba = operand(ctx, node, a, result, outDims);
            String bb = operand(ctx, node, b, result, outDims);
            NcnnLayer l = ctx.add(BinaryOp.TYPE, node);
            l.bottoms.add(ba);
            l.bottoms.add(bb);
            l.tops.add(top.get());
            l.params.put(BinaryOp.OP_TYPE, opType);
        }
    }

    /** Whether {@code s} is a one-element constant and {@code other} alone already has the result's shape. */
    private static boolean isScalarFor(Lowering ctx, Value s, Value other, int[] outDims) {
        return s.isConstant() && s.constant().numel() == 1 && !other.isConstant()
                && Arrays.equals(ctx.dims(other), outDims);
    }

    /** A BinaryOp of blob {@code in} and the number {@code b}: {@code in type b}. */
    public static void scalar(Lowering ctx, Node node, String in, String top, int type, float b) {
        NcnnLayer l = ctx.add(BinaryOp.TYPE, node);
        l.bottoms.add(in);
        l.tops.add(top);
        l.params.put(BinaryOp.OP_TYPE, type);
        l.params.put(BinaryOp.WITH_SCALAR, 1);
        l.params.put(BinaryOp.B, b);
    }

    /** The operand's blob with the result's ncnn rank. */
    private static String operand(Lowering ctx, Node node, Value v, Value out, int[] outDims) {
        if (v.isConstant()) {
            return ConstantOperands.alignedTo(ctx, v, out);
        }
        int[] dims = ctx.dims(v);
        if (dims.length == outDims.length) {
            return ctx.blob(v);
        }
        int[] padded = new int[outDims.length];
        Arrays.fill(padded, 1);
        System.arraycopy(dims, 0, padded, outDims.length - dims.length, dims.length);
        return Reshapes.toDims(ctx, node, ctx.blob(v), padded);
    }
}

package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.Reshape;
import dev.pnnxj.ncnn.layer.Threshold;
import dev.pnnxj.ncnn.layer.UnaryOp;
import java.util.Set;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import java.util.Arrays;

/**
 * ONNX Greater / Less / GreaterOrEqual / LessOrEqual / Equal → ncnn Threshold (1 where x &gt; t,
 * else 0), so a bool tensor is a blob of 0 and 1, as {@code Where} and the logic ops expect.
 *
 * <p>{@code a > t} with a constant t is one Threshold; otherwise {@code a > b} is Threshold(a - b, 0),
 * exact because a float difference is 0 only for equal operands and keeps their order (gradual
 * underflow; an overflow to ±inf keeps the sign). {@code a < b} is {@code b > a}; {@code a <= b} is
 * {@code 1 - (a > b)}, {@code a >= b} is {@code 1 - (b > a)}, {@code a == b} is
 * {@code 1 - (|a - b| > 0)}. NaN operands compare as PyTorch does only for Greater and Less.
 */
public final class ComparisonEmitter implements Emitter {
    private final boolean swap;
    private final boolean negate;
    private final boolean equal;

    private ComparisonEmitter(boolean swap, boolean negate, boolean equal) {
        this.swap = swap;
        this.negate = negate;
        this.equal = equal;
    }

    public static ComparisonEmitter greater() {
        return new ComparisonEmitter(false, false, false);
    }

    public static ComparisonEmitter less() {
        return new ComparisonEmitter(true, false, false);
    }

    public static ComparisonEmitter lessOrEqual() {
        return new ComparisonEmitter(false, true, false);
    }

    public static ComparisonEmitter greaterOrEqual() {
        return new ComparisonEmitter(true, true, false);
    }

    public static ComparisonEmitter equal() {
        return new ComparisonEmitter(false, true, true);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(BinaryOp.TYPE, Reshape.TYPE, UnaryOp.TYPE, Threshold.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value a = node.input(swap ? 1 : 0);
        Value b = node.input(swap ? 0 : 1);
        Value out = node.output(0);
        String in;
        float t = 0f;
        if (equal) {
            String diff = difference(ctx, node, a, b, out);
            String magnitude = ctx.newBlob();
            NcnnLayer abs = ctx.add(UnaryOp.TYPE, node);
            abs.bottoms.add(diff);
            abs.tops.add(magnitude);
            abs.params.put(UnaryOp.OP_TYPE, UnaryOpEmitter.ABS);
            in = magnitude;
        } else if (isScalar(b) && !a.isConstant() && Arrays.equals(ctx.dims(a), Reshapes.target(ctx, out))) {
            in = ctx.blob(a);
            t = (float) b.constant().scalar();
        } else {
            in = difference(ctx, node, a, b, out);
        }
        String test = negate ? ctx.newBlob() : ctx.blob(out);
        NcnnLayer l = ctx.add(Threshold.TYPE, node);
        l.bottoms.add(in);
        l.tops.add(test);
        l.params.put(Threshold.THRESHOLD, t);
        if (negate) {
            LogicEmitter.oneMinus(ctx, node, test, ctx.blob(out));
        }
    }

    private static String difference(Lowering ctx, Node node, Value a, Value b, Value out) {
        String diff = ctx.newBlob();
        BinaryOpEmitter.emit(ctx, node, a, b, out, () -> diff, BinaryOpEmitter.SUB, BinaryOpEmitter.RSUB);
        return diff;
    }

    private static boolean isScalar(Value v) {
        return v.isConstant() && v.constant().numel() == 1;
    }
}

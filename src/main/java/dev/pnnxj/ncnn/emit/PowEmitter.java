package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.UnaryOp;
import java.util.List;
import java.util.Set;

/**
 * Pow. ncnn's BinaryOp pow computes exp(y * log x) in its vectorised kernels, which is wrong for
 * a negative base even when the exponent is an integer (x ** 2 of a negative x comes out as
 * garbage). A constant exponent is therefore lowered exactly: 1 → nothing, 2 → UnaryOp square,
 * 3 and 4 → square and multiply, 0.5 → sqrt, -0.5 → rsqrt, -1 → reciprocal; any other integer
 * exponent is refused. A non-integer exponent is NaN for a negative base in PyTorch and ONNX
 * too, so BinaryOp pow is exact there, as it is for a data-dependent exponent of a base that is
 * positive by construction: a positive constant, or a non-negative value (Abs, Relu, Sqrt, Exp,
 * Sigmoid, Softplus, a non-negative constant) plus a positive one, as in {@code (x.abs() + eps) ** y}.
 */
public final class PowEmitter implements Emitter {
    private final BinaryOpEmitter general = new BinaryOpEmitter(BinaryOpEmitter.POW, BinaryOpEmitter.RPOW);

    @Override
    public Set<String> layerTypes() {
        return Set.of(BinaryOp.TYPE, UnaryOp.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        Value x = node.input(0);
        Value e = node.input(1);
        if (!e.isConstant()) {
            if (!positive(x)) {
                throw new Unsupported("a data-dependent exponent needs ncnn's exp(y * log x) pow, which is wrong "
                        + "for negative bases; only constant exponents or bases known to be positive are converted");
            }
            general.emit(node, ctx);
            return;
        }
        if (e.constant().numel() != 1) {
            general.emit(node, ctx);
            return;
        }
        double y = e.constant().scalar();
        Value out = node.output(0);
        if (y == 1) {
            ctx.alias(out, x);
        } else if (y == 2) {
            unary(ctx, node, ctx.blob(x), ctx.blob(out), UnaryOpEmitter.SQUARE);
        } else if (y == 3 || y == 4) {
            String sq = ctx.newBlob();
            unary(ctx, node, ctx.blob(x), sq, UnaryOpEmitter.SQUARE);
            if (y == 4) {
                unary(ctx, node, sq, ctx.blob(out), UnaryOpEmitter.SQUARE);
            } else {
                NcnnLayer mul = ctx.add(BinaryOp.TYPE, node);
                mul.bottoms.addAll(List.of(sq, ctx.blob(x)));
                mul.tops.add(ctx.blob(out));
                mul.params.put(BinaryOp.OP_TYPE, BinaryOpEmitter.MUL);
            }
        } else if (y == 0.5) {
            unary(ctx, node, ctx.blob(x), ctx.blob(out), UnaryOpEmitter.SQRT);
        } else if (y == -0.5) {
            unary(ctx, node, ctx.blob(x), ctx.blob(out), UnaryOpEmitter.RSQRT);
        } else if (y == -1) {
            unary(ctx, node, ctx.blob(x), ctx.blob(out), UnaryOpEmitter.RECIPROCAL);
        } else if (y == Math.rint(y)) {
            throw new Unsupported("integer exponent " + (long) y + ": ncnn's pow is exp(y * log x), wrong for "
                    + "negative x; rewrite the model with multiplications");
        } else {
            general.emit(node, ctx);
        }
    }

    private static final Set<String> NON_NEGATIVE = Set.of("Abs", "Relu", "Sqrt", "Exp", "Sigmoid", "Softplus");

    /** Whether every element of v is > 0 whatever the input (a sum of a value >= 0 and one > 0 rounds to > 0). */
    private static boolean positive(Value v) {
        if (v.isConstant()) {
            return allPositive(v, false);
        }
        Node p = v.producer();
        return p != null && p.op().equals("Add") && p.inputs().size() == 2
                && (positive(p.input(0)) && nonNegative(p.input(1)) || nonNegative(p.input(0)) && positive(p.input(1)));
    }

    private static boolean nonNegative(Value v) {
        if (v.isConstant()) {
            return allPositive(v, true);
        }
        return positive(v) || v.producer() != null && NON_NEGATIVE.contains(v.producer().op());
    }

    private static boolean allPositive(Value v, boolean orZero) {
        for (double d : v.constant().toDoubles()) {
            if (!(d > 0 || orZero && d == 0)) {
                return false;
            }
        }
        return true;
    }

    private static void unary(Lowering ctx, Node node, String in, String out, int op) {
        NcnnLayer l = ctx.add(UnaryOp.TYPE, node);
        l.bottoms.add(in);
        l.tops.add(out);
        l.params.put(UnaryOp.OP_TYPE, op);
    }
}

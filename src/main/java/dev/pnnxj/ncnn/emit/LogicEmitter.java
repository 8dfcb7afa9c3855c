package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ncnn.layer.BinaryOp;
import dev.pnnxj.ncnn.layer.Reshape;
import java.util.Set;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;

/**
 * ONNX Not / And / Or on bool tensors, which are blobs of 0 and 1 in ncnn (see
 * {@link ComparisonEmitter}): Not is {@code 1 - c}, And the product, Or the maximum.
 */
public final class LogicEmitter implements Emitter {
    /** The BinaryOp combining two operands, or {@link #NOT} for the one-operand negation. */
    private final int binaryOp;
    private static final int NOT = -1;

    private LogicEmitter(int binaryOp) {
        this.binaryOp = binaryOp;
    }

    public static LogicEmitter not() {
        return new LogicEmitter(NOT);
    }

    public static LogicEmitter and() {
        return new LogicEmitter(BinaryOpEmitter.MUL);
    }

    public static LogicEmitter or() {
        return new LogicEmitter(BinaryOpEmitter.MAX);
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(BinaryOp.TYPE, Reshape.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        if (binaryOp == NOT) {
            oneMinus(ctx, node, ctx.blob(node.input(0)), ctx.blob(node.output(0)));
            return;
        }
        BinaryOpEmitter.emit(ctx, node, node.input(0), node.input(1), node.output(0),
                () -> ctx.blob(node.output(0)), binaryOp, binaryOp);
    }

    /** {@code top = 1 - in}, the negation of a 0/1 blob. */
    static void oneMinus(Lowering ctx, Node node, String in, String top) {
        BinaryOpEmitter.scalar(ctx, node, in, top, BinaryOpEmitter.RSUB, 1f);
    }
}

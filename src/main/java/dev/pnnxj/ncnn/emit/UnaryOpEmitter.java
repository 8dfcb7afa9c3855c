package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ncnn.Emitter;
import dev.pnnxj.ncnn.Lowering;
import dev.pnnxj.ncnn.layer.UnaryOp;
import java.util.Set;

/** Elementwise math ops → ncnn UnaryOp with the op type given at registration. */
public final class UnaryOpEmitter implements Emitter {
    public static final int ABS = 0;
    public static final int NEG = 1;
    public static final int FLOOR = 2;
    public static final int CEIL = 3;
    public static final int SQUARE = 4;
    public static final int SQRT = 5;
    public static final int RSQRT = 6;
    public static final int EXP = 7;
    public static final int LOG = 8;
    public static final int SIN = 9;
    public static final int COS = 10;
    public static final int TAN = 11;
    public static final int ASIN = 12;
    public static final int ACOS = 13;
    public static final int ATAN = 14;
    public static final int RECIPROCAL = 15;
    /** Rounds half to even (nearbyint), as ONNX Round does. */
    public static final int ROUND = 18;
    public static final int SIGN = 20;
    public static final int EXPM1 = 21;
    public static final int SINH = 22;
    public static final int ASINH = 23;
    public static final int COSH = 24;
    public static final int ACOSH = 25;
    public static final int ATANH = 26;
    public static final int LOG1P = 27;

    private final int opType;

    public UnaryOpEmitter(int opType) {
        this.opType = opType;
    }

    @Override
    public Set<String> layerTypes() {
        return Set.of(UnaryOp.TYPE);
    }

    @Override
    public void emit(Node node, Lowering ctx) {
        ctx.unary(UnaryOp.TYPE, node).params.put(UnaryOp.OP_TYPE, opType);
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Mappings of elementwise, activation, softmax and reduction aten ops. Arithmetic on two Python
 * numbers (size computations) is done at once; a Python number next to a tensor becomes a 0-d
 * constant of the tensor's type.
 */
final class MathOps {
    private MathOps() {
    }

    /** Unary ops whose PyTorch result is floating for an integer input ({@code reciprocal(size)} is 1/size, not 0). */
    private static final Set<String> FLOAT_RESULT = Set.of("Sigmoid", "Tanh", "Swish", "Mish", "HardSwish", "Selu",
            "Sqrt", "Exp", "Log", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Reciprocal", "Erf");

    static Value unary(OpArgs a, String type) {
        Value x = a.tensor("self");
        return a.ir().op(type).in(FLOAT_RESULT.contains(type) ? castIfKnownIntegral(a.ir(), x) : x).out();
    }

    static Object neg(OpArgs a) {
        Object x = a.get("self");
        return PyOps.isNumber(x) ? PyOps.binary("*", x, -1L) : unary(a, "Neg");
    }

    static Value hardSigmoid(OpArgs a) {
        // torch's fixed form relu6(x + 3) / 6
        return a.ir().op("HardSigmoid").in(a.tensor("self")).attr("alpha", 1f / 6).attr("beta", 0.5f).out();
    }

    /** {@code self} and {@code other}: one node, or a Python result when both are numbers. */
    static Object binary(OpArgs a, String type, String pyOp) {
        return binary(a, type, pyOp, null, null);
    }

    /** As {@link #binary(OpArgs, String, String)}, the node given one attribute when {@code attr} is set. */
    static Object binary(OpArgs a, String type, String pyOp, String attr, Object value) {
        Object x = a.get("self");
        Object y = a.get("other");
        if (pyOp != null && PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary(pyOp, x, y);
        }
        Value[] v = operands(a.ir(), x, y);
        IrBuilder.Op op = a.ir().op(type).in(v[0], v[1]);
        return attr == null ? op.out() : op.attr(attr, value).out();
    }

    /**
     * remainder (Python's %, the divisor's sign): integers stay Mod; a float quotient is
     * x - floor(x / y) * y, the form PyTorch's ONNX export gives.
     */
    static Object remainder(OpArgs a) {
        Object x = a.get("self");
        Object y = a.get("other");
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary("%", x, y);
        }
        IrBuilder ir = a.ir();
        Value[] v = operands(ir, x, y);
        if (v[0].dtype() == null || !v[0].dtype().isFloating()) {
            return ir.op("Mod").in(v[0], v[1]).out();
        }
        Value floor = ir.op("Floor").in(ir.op("Div").in(v[0], v[1]).out()).out();
        return ir.op("Sub").in(v[0], ir.op("Mul").in(floor, v[1]).out()).out();
    }

    /** logit(x, eps) = log(x / (1 - x)), x clamped to [eps, 1 - eps] first when eps is given. */
    static Value logit(OpArgs a) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        if (a.get("eps") != null) {
            double eps = a.number("eps");
            x = clamp(a, eps, 1 - eps);
        }
        Value oneMinus = ir.op("Sub").in(ir.tensor(1.0, x), x).out();
        return ir.op("Log").in(ir.op("Div").in(x, oneMinus).out()).out();
    }

    /**
     * Both operands as tensors; a Python number takes the tensor's type, and an integer tensor
     * next to a Python float is cast to float32 first (torch promotes it). A 0-d float tensor next
     * to a float tensor with dims, or a 0-d integer tensor next to any tensor with dims, takes that
     * tensor's type, as in torch (traced code holds {@code math.sqrt(d)} as a 0-d float64 constant
     * and sizes as 0-d int64 tensors).
     */
    static Value[] operands(IrBuilder ir, Object x, Object y) {
        if (x instanceof Double && !isFloatTensor(y)) {
            y = castIfKnownIntegral(ir, ir.tensor(y));
        } else if (y instanceof Double && !isFloatTensor(x)) {
            x = castIfKnownIntegral(ir, ir.tensor(x));
        }
        Value vx = PyOps.isNumber(x) ? null : ir.tensor(x);
        Value vy = PyOps.isNumber(y) ? null : ir.tensor(y);
        if (vx != null && vy != null) {
            vx = scalarTyped(ir, vx, vy);
            vy = scalarTyped(ir, vy, vx);
        }
        return new Value[] {vx != null ? vx : ir.tensor(x, vy), vy != null ? vy : ir.tensor(y, vx)};
    }

    private static Value scalarTyped(IrBuilder ir, Value scalar, Value other) {
        boolean zeroD = scalar.shape() != null && scalar.shape().rank() == 0;
        boolean dims = other.shape() != null && other.shape().rank() > 0;
        if (!zeroD || !dims || scalar.dtype() == null || other.dtype() == null || scalar.dtype() == other.dtype()
                || scalar.dtype().isFloating() && !other.dtype().isFloating()) {
            return scalar;
        }
        return ir.op("Cast").in(scalar).attr("to", ScalarTypes.onnxCode(other.dtype())).out();
    }

    private static boolean isFloatTensor(Object v) {
        DType t = v instanceof Value value ? value.dtype() : v instanceof Param p ? p.data().storage().dtype() : null;
        return t != null && t.isFloating();
    }

    private static Value castIfKnownIntegral(IrBuilder ir, Value v) {
        if (v.dtype() == null || v.dtype().isFloating()) {
            return v;
        }
        return ir.op("Cast").in(v).attr("to", ScalarTypes.onnxCode(DType.FLOAT32)).out();
    }

    /** add / sub with {@code alpha}: self ± alpha * other. */
    static Object addSub(OpArgs a, String type, String pyOp) {
        Object x = a.get("self");
        Object y = scaled(a, a.get("other"));
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary(pyOp, x, y);
        }
        Value[] v = operands(a.ir(), x, y);
        return a.ir().op(type).in(v[0], v[1]).out();
    }

    /** rsub(self, other, alpha) = other - alpha * self. */
    static Object rsub(OpArgs a) {
        Object x = scaled(a, a.get("self"));
        Object y = a.get("other");
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary("-", y, x);
        }
        Value[] v = operands(a.ir(), y, x);
        return a.ir().op("Sub").in(v[0], v[1]).out();
    }

    private static Object scaled(OpArgs a, Object v) {
        Object alpha = a.get("alpha");
        if (alpha == null || PyOps.isNumber(alpha) && PyOps.toDouble(alpha) == 1) {
            return v;
        }
        if (PyOps.isNumber(v)) {
            return PyOps.binary("*", v, alpha);
        }
        Value[] m = operands(a.ir(), v, alpha);
        return a.ir().op("Mul").in(m[0], m[1]).out();
    }

    static Object div(OpArgs a) {
        String mode = a.string("rounding_mode", null);
        if (mode == null) {
            Object x = a.get("self");
            Object y = a.get("other");
            if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
                return PyOps.binary("/", x, y);
            }
            Value[] v = operands(a.ir(), x, y);
            return a.ir().op("Div").in(v[0], v[1]).out();
        }
        if (mode.equals("floor")) {
            return floorDivide(a);
        }
        if (mode.equals("trunc")) {
            return truncDivide(a);
        }
        throw new ScriptError("aten::div with rounding_mode='" + mode + "' is not supported");
    }

    /** Division rounding toward zero: integer Div does; a float quotient q becomes Sign(q) * Floor(Abs(q)). */
    private static Object truncDivide(OpArgs a) {
        Object x = a.get("self");
        Object y = a.get("other");
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            double q = PyOps.toDouble(x) / PyOps.toDouble(y);
            return PyOps.isInt(x) && PyOps.isInt(y) ? (Object) (long) q : (Object) (double) (long) q;
        }
        IrBuilder ir = a.ir();
        Value[] v = operands(ir, x, y);
        Value q = ir.op("Div").in(v[0], v[1]).out();
        if (q.dtype() != null && !q.dtype().isFloating()) {
            return q;
        }
        return truncated(ir, q);
    }

    /** trunc(x) = Sign(x) * Floor(Abs(x)): ONNX has no Trunc. */
    static Value truncated(IrBuilder ir, Value x) {
        Value magnitude = ir.op("Floor").in(ir.op("Abs").in(x).out()).out();
        return ir.op("Mul").in(ir.op("Sign").in(x).out(), magnitude).out();
    }

    /** Division rounding down: Div, then Floor for floats (integer Div is exact for the sizes it sees). */
    static Object floorDivide(OpArgs a) {
        Object x = a.get("self");
        Object y = a.get("other");
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary("//", x, y);
        }
        Value[] v = operands(a.ir(), x, y);
        Value q = a.ir().op("Div").in(v[0], v[1]).out();
        return q.dtype() != null && !q.dtype().isFloating() ? q : a.ir().op("Floor").in(q).out();
    }

    static Object pow(OpArgs a) {
        Object x = a.get("self");
        Object y = a.get("exponent");
        if (PyOps.isNumber(x) && PyOps.isNumber(y)) {
            return PyOps.binary("**", x, y);
        }
        Value[] v = operands(a.ir(), x, y);
        return a.ir().op("Pow").in(v[0], v[1]).out();
    }

    /** A comparison: a Python bool for numbers, else a bool tensor ({@code ne} is Not(Equal)). */
    static Object compare(OpArgs a, String type, String pyOp, boolean negate) {
        Object x = a.get("self");
        Object y = a.get("other");
        if (!(x instanceof Value || x instanceof Param || y instanceof Value || y instanceof Param)) {
            return PyOps.binary(pyOp, x, y);
        }
        Value[] v = operands(a.ir(), x, y);
        Value r = a.ir().op(type).in(v[0], v[1]).out();
        return negate ? a.ir().op("Not").in(r).out() : r;
    }

    /** Whether {@code self} or {@code other} is a tensor: {@code &}, {@code |} on tensors rather than Python bools. */
    static boolean isTensorOperation(OpArgs a) {
        return a.get("self") instanceof Value || a.get("other") instanceof Value;
    }

    /**
     * And / Or of two bool tensors ({@code &}, {@code |}, logical_and, logical_or); on integer
     * tensors {@code &} is bitwise, which ncnn's float blobs cannot do.
     */
    static Value logic(OpArgs a, String type) {
        Value x = a.tensor("self");
        Value y = a.tensor("other");
        if (x.dtype() != DType.BOOL || y.dtype() != DType.BOOL) {
            throw new ScriptError("aten::" + a.op() + " of " + x.dtype() + " and " + y.dtype()
                    + " tensors: only bool tensors are supported (bitwise integer logic is not)");
        }
        return a.ir().op(type).in(x, y).out();
    }

    static Value where(OpArgs a) {
        Value[] v = operands(a.ir(), a.get("self"), a.get("other"));
        return a.ir().op("Where").in(a.tensor("condition"), v[0], v[1]).out();
    }

    /** masked_fill(self, mask, value): value where mask holds, as Where(mask, value, self). */
    static Value maskedFill(OpArgs a) {
        Value[] v = operands(a.ir(), a.get("value"), a.get("self"));
        return a.ir().op("Where").in(a.tensor("mask"), v[0], v[1]).out();
    }

    /** einsum(equation, tensors): ONNX Einsum, which RewriteEinsum lowers to MatMul and Transpose. */
    static Value einsum(OpArgs a) {
        IrBuilder.Op op = a.ir().op("Einsum").attr("equation", a.string("equation", null));
        for (Object t : a.list("tensors")) {
            op.in(a.ir().tensor(t));
        }
        return op.out();
    }

    static Value matmul(OpArgs a) {
        return a.ir().op("MatMul").in(a.tensor("self"), a.tensor("other")).out();
    }

    /**
     * Clip between bounds that may be numbers, tensors or null (no bound), as clamp, relu6 and
     * hardtanh give them. Clip takes scalar bounds only, so tensor bounds become Max / Min.
     */
    static Value clamp(OpArgs a, Object min, Object max) {
        Value x = a.tensor("self");
        IrBuilder ir = a.ir();
        Value lo = min == null ? null : ir.tensor(min, x);
        Value hi = max == null ? null : ir.tensor(max, x);
        if (isTensorBound(lo) || isTensorBound(hi)) {
            Value y = lo == null ? x : ir.op("Max").in(x, lo).out();
            return hi == null ? y : ir.op("Min").in(y, hi).out();
        }
        return ir.op("Clip").in(x, lo, hi).out();
    }

    private static boolean isTensorBound(Value v) {
        return v != null && (v.shape() == null || v.shape().rank() > 0);
    }

    static Value leakyRelu(OpArgs a) {
        return a.ir().op("LeakyRelu").in(a.tensor("self")).attr("alpha", (float) a.number("negative_slope", 0.01)).out();
    }

    static Value elu(OpArgs a) {
        if (a.number("scale", 1) != 1 || a.number("input_scale", 1) != 1) {
            throw new ScriptError("aten::elu with scale or input_scale other than 1 is not supported");
        }
        return withAlpha(a, "Elu", 1);
    }

    static Value withAlpha(OpArgs a, String type, double dflt) {
        return a.ir().op(type).in(a.tensor("self")).attr("alpha", (float) a.number("alpha", dflt)).out();
    }

    /** PRelu: torch's per-channel slope [C] acts on axis 1, so it becomes [C,1,...] for ONNX's broadcasting. */
    static Value prelu(OpArgs a) {
        Value x = a.tensor("self");
        Object w = a.get("weight");
        Shape ws = IrBuilder.shapeOf(w);
        IrBuilder ir = a.ir();
        Value slope;
        if (ws != null && ws.rank() == 1 && ws.dim(0) > 1) {
            long[] dims = new long[IrBuilder.rank(x) - 1];
            Arrays.fill(dims, 1);
            dims[0] = ws.dim(0);
            slope = ir.reshaped(w, dims);
        } else {
            slope = ir.tensor(w);
        }
        return ir.op("PRelu").in(x, slope).out();
    }

    static Value gelu(OpArgs a) {
        String approximate = a.string("approximate", "none");
        return a.ir().op("Gelu").in(a.tensor("self")).attr("approximate", approximate).out();
    }

    /**
     * softplus(x, beta, threshold) = log(1 + e^(beta x)) / beta, and x where beta x > threshold.
     * From threshold 15 on the switch changes nothing in float32 (e^-z is below half an ulp of z),
     * so only a smaller threshold becomes a Where.
     */
    static Value softplus(OpArgs a) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        double beta = a.number("beta", 1);
        double threshold = a.number("threshold", 20);
        Value z = beta == 1 ? x : ir.op("Mul").in(x, ir.tensor(beta, x)).out();
        Value y = ir.op("Softplus").in(z).out();
        if (beta != 1) {
            y = ir.op("Div").in(y, ir.tensor(beta, x)).out();
        }
        if (threshold >= 15) {
            return y;
        }
        Value above = ir.op("Greater").in(z, ir.tensor(threshold, x)).out();
        return ir.op("Where").in(above, x, y).out();
    }

    /** threshold(x, threshold, value) = x where x > threshold, else value. */
    static Value threshold(OpArgs a) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        Value above = ir.op("Greater").in(x, ir.tensor(a.get("threshold"), x)).out();
        return ir.op("Where").in(above, x, ir.tensor(a.get("value"), x)).out();
    }

    /** hardshrink and softshrink are ONNX Shrink with bias 0 and bias lambd. */
    static Value shrink(OpArgs a, boolean soft) {
        float lambd = (float) a.number("lambd", 0.5);
        return a.ir().op("Shrink").in(a.tensor("self")).attr("lambd", lambd).attr("bias", soft ? lambd : 0f).out();
    }

    /** glu(x, dim) = a * sigmoid(b) for the halves a, b of x along dim, in ONNX's exported form. */
    static Value glu(OpArgs a) {
        Value x = a.tensor("self");
        long dim = a.integer("dim", -1);
        long half = IrBuilder.dim(x, dim) / 2;
        IrBuilder ir = a.ir();
        List<Value> ab = ir.op("Split").in(x, ir.longs(half, half)).attr("axis", dim).outs(2);
        return ir.op("Mul").in(ab.get(0), ir.op("Sigmoid").in(ab.get(1)).out()).out();
    }

    /** log(x) / log(base), as ONNX exports log2 and log10. */
    static Value logBase(OpArgs a, double base) {
        Value x = a.tensor("self");
        return a.ir().op("Div").in(unary(a, "Log"), a.ir().tensor(Math.log(base), x)).out();
    }

    /** rrelu in eval mode: a leaky relu with the mean of the slope range. */
    static Value rrelu(OpArgs a) {
        if (a.flag("training", false)) {
            throw new ScriptError("rrelu in training mode (random slopes); call model.eval() before saving");
        }
        float slope = (float) ((a.number("lower", 1.0 / 8) + a.number("upper", 1.0 / 3)) / 2);
        return a.ir().op("LeakyRelu").in(a.tensor("self")).attr("alpha", slope).out();
    }

    static Value softmax(OpArgs a, String type) {
        return a.ir().op(type).in(a.tensor("self")).attr("axis", a.integer("dim")).out();
    }

    /** mean / sum / prod / amax / amin over {@code dim} (all axes when absent or empty). */
    /** norm(x, p, dim, keepdim): the L1 or L2 norm over dims (all dims without them). */
    static Value norm(OpArgs a) {
        double p = a.number("p", 2);
        if (p != 1 && p != 2) {
            throw new ScriptError("aten::norm with p=" + p + " is not supported (p=1 and p=2 are)");
        }
        return reduce(a, p == 1 ? "ReduceL1" : "ReduceL2");
    }

    static Value reduce(OpArgs a, String type) {
        Value x = withDtype(a);
        long[] dims = a.has("dim") ? a.ints("dim") : new long[0];
        IrBuilder ir = a.ir();
        return ir.op(type).in(x, dims.length == 0 ? null : ir.longs(dims))
                .attr("keepdims", a.flag("keepdim", false) ? 1 : 0).out();
    }

    /** cumsum(self, dim, dtype): CumSum along dim, the axis as a 0-d constant as ONNX reads it. */
    static Value cumsum(OpArgs a) {
        IrBuilder ir = a.ir();
        return ir.op("CumSum").in(withDtype(a), ir.scalar(a.integer("dim"), DType.INT64)).out();
    }

    /** self, cast first when the op's optional dtype argument asks for another type. */
    private static Value withDtype(OpArgs a) {
        Value x = a.tensor("self");
        if (a.has("dtype") && a.get("dtype") instanceof Long code) {
            x = a.ir().op("Cast").in(x).attr("to", ScalarTypes.onnxCode(ScalarTypes.dtype(code))).out();
        }
        return x;
    }

    /**
     * max / min in their three forms: of a whole tensor, of two tensors (Max / Min), and along a
     * dim, which gives (values, indices).
     */
    static Object maxMin(OpArgs a, String pairwise, String reduce, String arg) {
        Object other = a.get("other");
        IrBuilder ir = a.ir();
        if (other == null) {
            return ir.op(reduce).in(a.tensor("self")).attr("keepdims", 0).out();
        }
        if (other instanceof Value || other instanceof Param) {
            return binary(a, pairwise, null);
        }
        long dim = a.integer("other");
        int keep = a.flag("keepdim", false) ? 1 : 0;
        Value x = a.tensor("self");
        Value values = ir.op(reduce).in(x, ir.longs(dim)).attr("keepdims", keep).out();
        Value indices = ir.op(arg).in(x).attr("axis", dim).attr("keepdims", keep).out();
        return new Tuple(List.of(values, indices));
    }

    /** argmax / argmin along a dim, or over the flattened tensor when dim is None. */
    static Value argReduce(OpArgs a, String type) {
        IrBuilder ir = a.ir();
        Value x = a.tensor("self");
        if (!a.has("dim")) {
            x = ir.op("Reshape").in(x, ir.longs(-1)).out();
        }
        return ir.op(type).in(x).attr("axis", a.integer("dim", 0))
                .attr("keepdims", a.flag("keepdim", false) && a.has("dim") ? 1 : 0).out();
    }
}

package dev.pnnxj.frontend.onnx;

import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.util.function.Function;

/**
 * An ONNX Loop that runs a number of times known while converting: a constant trip count, a
 * constant-true condition, and a body whose condition output is that condition passed on (the
 * ONNX exporter writes {@code torch.tensor_split(x, indices)} this way). ncnn graphs have no
 * loops, so such a Loop is unrolled into its body's nodes once per iteration; any other Loop is
 * read as an op with a subgraph and reported unsupported.
 *
 * @param trips     how many times the body runs
 * @param body      the body graph
 * @param iteration the shape the body declares for its iteration number ([] or [1])
 */
record StaticLoop(long trips, GraphProto body, Shape iteration) {
    /** Unrolling stops here, so a long loop is refused rather than copied thousands of times. */
    static final long MAX_TRIPS = 256;

    /** The loop if it is static, else null; {@code lookup} resolves the names it reads. */
    static StaticLoop of(NodeProto p, Function<String, Value> lookup) {
        GraphProto body = null;
        for (AttributeProto a : p.getAttributeList()) {
            if (a.getName().equals("body") && a.hasG()) {
                body = a.getG();
            }
        }
        if (body == null || p.getInputCount() < 2 || p.getInput(0).isEmpty()
                || body.getInputCount() != p.getInputCount() || body.getOutputCount() < p.getInputCount() - 1) {
            return null;
        }
        Value m = lookup.apply(p.getInput(0));
        if (m == null || !m.isConstant() || m.constant().numel() != 1) {
            return null;
        }
        long trips = m.constant().toLongs()[0];
        if (trips < 1 || trips > MAX_TRIPS || !p.getInput(1).isEmpty() && !isTrue(lookup.apply(p.getInput(1)))
                || !passesConditionOn(body, lookup)) {
            return null;
        }
        Shape declared = OnnxTypes.shape(body.getInput(0));
        return new StaticLoop(trips, body, declared != null && declared.rank() == 1 ? Shape.of(1) : Shape.SCALAR);
    }

    private static boolean isTrue(Value v) {
        return v != null && v.isConstant() && v.constant().numel() == 1 && v.constant().toLongs()[0] != 0;
    }

    /** Whether the body's condition output is its condition input or a constant true, directly or through Identity. */
    private static boolean passesConditionOn(GraphProto body, Function<String, Value> lookup) {
        String cond = body.getOutput(0).getName();
        for (int guard = 0; guard < body.getNodeCount(); guard++) {
            if (cond.equals(body.getInput(1).getName()) || isTrue(lookup.apply(cond))) {
                return true;
            }
            NodeProto producer = null;
            for (NodeProto n : body.getNodeList()) {
                if (n.getOutputList().contains(cond)) {
                    producer = n;
                }
            }
            if (producer == null || !producer.getOpType().equals("Identity")) {
                return producer != null && producer.getOpType().equals("Constant") && constantTrue(producer);
            }
            cond = producer.getInput(0);
        }
        return false;
    }

    private static boolean constantTrue(NodeProto constant) {
        for (AttributeProto a : constant.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                var t = a.getT();
                return t.getRawData().size() == 1 ? t.getRawData().byteAt(0) != 0
                        : t.getInt32DataCount() == 1 && t.getInt32Data(0) != 0;
            }
        }
        return false;
    }
}

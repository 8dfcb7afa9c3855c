package dev.pnnxj.frontend.torchscript;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TypeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ValueInfoProto;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.shape.ShapeRules;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs a reader's IR graph in onnxruntime, which checks the IR's ONNX semantics against PyTorch's
 * reference without going through ncnn (so ops without an ncnn emitter are checked too). The
 * graph is written as an opset-21 ONNX model; Swish, pnnx-j's own op, is written as x * sigmoid(x).
 */
final class OnnxRuntimeCheck {
    private OnnxRuntimeCheck() {
    }

    /** The first output of {@code g} for one float input. */
    static float[] run(Graph g, long[] shape, float[] input) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model(g).toByteArray(), so);
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result r = session.run(Map.of(g.inputs().get(0).name(), x))) {
            OnnxTensor y = (OnnxTensor) r.get(0);
            FloatBuffer b = y.getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }

    static ModelProto model(Graph g) {
        GraphProto.Builder gb = GraphProto.newBuilder().setName("ir");
        Set<Value> written = new HashSet<>();
        for (Value in : g.inputs()) {
            gb.addInput(info(in));
        }
        for (Node n : g.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null && v.isConstant() && written.add(v)) {
                    gb.addInitializer(tensor(v.name(), v.constant()));
                }
            }
            if (n.op().equals("Swish")) {
                String s = n.name() + "_sigmoid";
                gb.addNode(NodeProto.newBuilder().setOpType("Sigmoid").addInput(n.input(0).name()).addOutput(s));
                gb.addNode(NodeProto.newBuilder().setOpType("Mul").addInput(n.input(0).name()).addInput(s)
                        .addOutput(n.output(0).name()));
                continue;
            }
            if (n.getInt("layout", 0) == 1 && (n.op().equals("LSTM") || n.op().equals("GRU") || n.op().equals("RNN"))) {
                batchFirstAsLayout0(gb, n);
                continue;
            }
            NodeProto.Builder nb = NodeProto.newBuilder().setOpType(n.op()).setName(n.name());
            n.inputs().forEach(v -> nb.addInput(v == null ? "" : v.name()));
            n.outputs().forEach(v -> nb.addOutput(v.name()));
            n.attrs().forEach((k, v) -> nb.addAttribute(attribute(k, v)));
            gb.addNode(nb);
        }
        for (Value out : g.outputs()) {
            gb.addOutput(info(out));
        }
        return ModelProto.newBuilder().setIrVersion(10)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(21)).setGraph(gb).build();
    }

    /**
     * onnxruntime runs recurrent ops only with layout 0: transpose X and the initial states into
     * it, and Y ([seq, dirs, batch, H]) and the final states back.
     */
    private static void batchFirstAsLayout0(GraphProto.Builder gb, Node n) {
        NodeProto.Builder nb = NodeProto.newBuilder().setOpType(n.op()).setName(n.name());
        for (int i = 0; i < n.inputs().size(); i++) {
            Value v = n.input(i);
            boolean transposed = v != null && (i == 0 || i == 5 || i == 6);
            nb.addInput(v == null ? "" : transposed ? transpose(gb, v.name(), v.name() + "_l0", 1, 0, 2) : v.name());
        }
        for (int i = 0; i < n.outputs().size(); i++) {
            String name = n.output(i).name();
            nb.addOutput(name + "_l0");
            if (i == 0) {
                transpose(gb, name + "_l0", name, 2, 0, 1, 3);
            } else {
                transpose(gb, name + "_l0", name, 1, 0, 2);
            }
        }
        n.attrs().forEach((k, v) -> nb.addAttribute(attribute(k, k.equals("layout") ? (Object) 0L : v)));
        // the Transposes of the outputs were added before the node; onnxruntime sorts nodes itself
        gb.addNode(nb);
    }

    private static String transpose(GraphProto.Builder gb, String in, String out, long... perm) {
        gb.addNode(NodeProto.newBuilder().setOpType("Transpose").addInput(in).addOutput(out)
                .addAttribute(attribute("perm", perm)));
        return out;
    }

    private static ValueInfoProto info(Value v) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType((int) onnxType(v));
        return ValueInfoProto.newBuilder().setName(v.name()).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    private static long onnxType(Value v) {
        for (long c = 1; c <= 16; c++) {
            if (dev.pnnxj.ir.DType.fromOnnx(c) == v.dtype()) {
                return c;
            }
        }
        throw new IllegalArgumentException("no ONNX type for " + v);
    }

    private static TensorProto tensor(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name);
        for (int d : t.shape().dims()) {
            b.addDims(d);
        }
        Value probe = new Graph().constant("probe", t);
        ByteBuffer bytes = t.bytes();
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        return b.setDataType((int) onnxType(probe)).setRawData(ByteString.copyFrom(raw)).build();
    }

    private static AttributeProto attribute(String name, Object v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Long l) {
            a.setType(AttributeType.INT).setI(l);
        } else if (v instanceof Float f) {
            a.setType(AttributeType.FLOAT).setF(f);
        } else if (v instanceof String s) {
            a.setType(AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] ls) {
            a.setType(AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (v instanceof float[] fs) {
            a.setType(AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (v instanceof String[] ss) {
            a.setType(AttributeType.STRINGS);
            for (String s : ss) {
                a.addStrings(ByteString.copyFromUtf8(s));
            }
        } else if (v instanceof Tensor t) {
            a.setType(AttributeType.TENSOR).setT(tensor(name, t));
        } else {
            throw new IllegalArgumentException("attribute " + name + " = " + v);
        }
        return a.build();
    }
}

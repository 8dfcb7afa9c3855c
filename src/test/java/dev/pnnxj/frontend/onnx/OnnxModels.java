package dev.pnnxj.frontend.onnx;

import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorShapeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TypeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small ONNX models through the protobuf API for tests. */
public final class OnnxModels {
    private OnnxModels() {
    }

    public static ModelProto model(int opset, GraphProto.Builder graph) {
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph)
                .build();
    }

    public static Path write(Path dir, ModelProto model) {
        Path file = dir.resolve("model.onnx");
        try {
            Files.write(file, model.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A graph {@code y = op(x)} whose single node reads the float input x plus any extra inputs. */
    public static GraphProto.Builder oneNode(NodeProto node) {
        return GraphProto.newBuilder()
                .addNode(node)
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT_VALUE, 1L, 3L, 4L, 4L))
                .addOutput(valueInfo("y", TensorProto.DataType.FLOAT_VALUE));
    }

    /** A graph whose output is {@code Identity(initializer)}, to read one tensor back. */
    public static GraphProto.Builder identityOf(TensorProto initializer) {
        return GraphProto.newBuilder()
                .addInitializer(initializer)
                .addNode(node("Identity", List.of(initializer.getName()), List.of("y")))
                .addOutput(valueInfo("y", initializer.getDataType()));
    }

    /** A node of the default domain; attributes may follow. */
    public static NodeProto node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(List.of(attrs)).build();
    }

    /** Dims are Long (dim_value) or String (dim_param); no dims at all means rank unknown. */
    public static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (dims.length > 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (Object d : dims) {
                TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                if (d instanceof Long v) {
                    dim.setDimValue(v);
                } else if (d instanceof String p) {
                    dim.setDimParam(p);
                }
                shape.addDim(dim);
            }
            t.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    public static AttributeProto floats(String name, float... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float x : v) {
            a.addFloats(x);
        }
        return a.build();
    }

    public static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
    }

    public static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    /** Little-endian bytes of {@code values}, each truncated to {@code size} bytes. */
    public static byte[] le(int size, long... values) {
        ByteBuffer b = ByteBuffer.allocate(size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            for (int i = 0; i < size; i++) {
                b.put((byte) (v >>> (8 * i)));
            }
        }
        return b.array();
    }

    public static byte[] leFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    public static byte[] leDoubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    public static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}

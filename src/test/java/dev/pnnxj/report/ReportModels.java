package dev.pnnxj.report;

import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;

import dev.pnnxj.frontend.onnx.OnnxModels;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Models and damaged files the report tests share; names are chosen to break naive HTML. */
final class ReportModels {
    /** A node name that would run script if a page wrote it unescaped. */
    static final String HOSTILE = "</script><img src=x onerror=alert(1)>";
    static final String HOSTILE_OP_NODE = "<svg onload=alert(2)>";
    static final Path TINY_CNN = Path.of("testdata/models/tiny_cnn.onnx");
    static final Path LAYERNORM2D = Path.of("testdata/models/layernorm2d_op13.onnx");
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private ReportModels() {
    }

    /** Relu (named {@link #HOSTILE}) then an op ncnn has no layer for (named {@link #HOSTILE_OP_NODE}), then Relu. */
    static Path unsupported(Path dir) {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(valueInfo("x\"'&", FLOAT, 1L, 3L, 8L, 8L))
                .addNode(node("Relu", List.of("x\"'&"), List.of("r")).toBuilder().setName(HOSTILE).build())
                .addNode(node("CustomNorm", List.of("r"), List.of("h")).toBuilder().setName(HOSTILE_OP_NODE).build())
                .addNode(node("Relu", List.of("h"), List.of("y")).toBuilder().setName("after").build())
                .addOutput(valueInfo("y", FLOAT));
        return OnnxModels.write(dir, OnnxModels.model(13, g));
    }

    /** Sigmoid (named {@link #HOSTILE}) then Relu: converts. */
    static Path hostileConverted(Path dir) {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(valueInfo("x", FLOAT, 1L, 3L, 8L, 8L))
                .addNode(node("Sigmoid", List.of("x"), List.of("s")).toBuilder().setName(HOSTILE).build())
                .addNode(node("Relu", List.of("s"), List.of("y")).toBuilder().setName("relu").build())
                .addOutput(valueInfo("y", FLOAT));
        return OnnxModels.write(dir, OnnxModels.model(13, g));
    }

    /**
     * tiny_cnn's fp32 .bin with one weight of convolution_1 (its weights start at 900: a tag, then
     * fp32 values) set to 1000, so that compare --blobs names convolution_1 as first diverging.
     */
    static void damageConvolution1(Path bin) throws IOException {
        byte[] data = Files.readAllBytes(bin);
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(900 + 4 + 4 * 5, 1000f);
        Files.write(bin, data);
    }
}

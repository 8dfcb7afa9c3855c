package dev.pnnxj.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a model zoo for batch tests: small conv / relu / pool / gemm networks of many sizes,
 * a few models that must fail, and a copy of testdata/models.
 */
final class ZooModels {
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    /** Zoo path of every model that must fail → its exit code. */
    static final Map<String, Integer> FAILING = Map.of(
            "bad/unknown_op.onnx", 2,
            "bad/unknown_op_in_chain.onnx", 2,
            "bad/truncated.onnx", 1,
            "bad/garbage.onnx", 1,
            "bad/dynamic_batch.onnx", 1);

    private ZooModels() {
    }

    /** Writes the zoo into {@code dir}; returns the relative path of every model, sorted. */
    static List<String> write(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (int c : new int[] {1, 3, 8}) {
            for (int k : new int[] {1, 3}) {
                for (int size : new int[] {6, 9}) {
                    for (String tail : new String[] {"none", "Relu", "MaxPool", "AveragePool"}) {
                        String name = String.format("conv/c%d_k%d_s%d_%s.onnx", c, k, size, tail.toLowerCase());
                        save(dir, name, conv(c, k, size, tail));
                        names.add(name);
                    }
                }
            }
        }
        for (int in : new int[] {4, 16, 33}) {
            for (int out : new int[] {2, 10}) {
                String name = String.format("gemm/in%d_out%d.onnx", in, out);
                save(dir, name, gemm(in, out));
                names.add(name);
            }
        }
        save(dir, "bad/unknown_op.onnx", model(graph(List.of(1L, 4L))
                .addNode(node("NoSuchOp", List.of("x"), List.of("y"))).addOutput(info("y"))));
        save(dir, "bad/unknown_op_in_chain.onnx", model(graph(List.of(1L, 4L))
                .addNode(node("Relu", List.of("x"), List.of("r")))
                .addNode(node("AlsoNoSuchOp", List.of("r"), List.of("y"))).addOutput(info("y"))));
        byte[] good = conv(3, 3, 9, "Relu").toByteArray();
        Files.write(dir.resolve("bad/truncated.onnx"), java.util.Arrays.copyOf(good, good.length / 2));
        Files.write(dir.resolve("bad/garbage.onnx"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        save(dir, "bad/dynamic_batch.onnx", model(graph(List.of("N", 4L))
                .addNode(node("Relu", List.of("x"), List.of("y"))).addOutput(info("y"))));
        names.addAll(FAILING.keySet());
        names.addAll(copyTestdata(dir));
        return names.stream().sorted().toList();
    }

    /** x[1,c,size,size] → Conv(c→2c, k×k, pad k/2) → tail (Relu, 2×2 MaxPool / AveragePool, or nothing). */
    private static ModelProto conv(int c, int k, int size, String tail) {
        int out = 2 * c;
        GraphProto.Builder g = graph(List.of(1L, (long) c, (long) size, (long) size))
                .addInitializer(weights("w", out, c, k, k))
                .addInitializer(weights("b", out))
                .addNode(node("Conv", List.of("x", "w", "b"), List.of(tail.equals("none") ? "y" : "h"),
                        ints("kernel_shape", k, k), ints("pads", k / 2, k / 2, k / 2, k / 2)));
        switch (tail) {
            case "none" -> { }
            case "Relu" -> g.addNode(node("Relu", List.of("h"), List.of("y")));
            default -> g.addNode(node(tail, List.of("h"), List.of("y"), ints("kernel_shape", 2, 2), ints("strides", 2, 2)));
        }
        return model(g.addOutput(info("y")));
    }

    /** x[1,in] → Gemm(transB) → Relu. */
    private static ModelProto gemm(int in, int out) {
        return model(graph(List.of(1L, (long) in))
                .addInitializer(weights("w", out, in))
                .addInitializer(weights("b", out))
                .addNode(node("Gemm", List.of("x", "w", "b"), List.of("h"),
                        AttributeProto.newBuilder().setName("transB").setType(AttributeType.INT).setI(1).build()))
                .addNode(node("Relu", List.of("h"), List.of("y")))
                .addOutput(info("y")));
    }

    private static List<String> copyTestdata(Path dir) throws IOException {
        Path src = Path.of("testdata/models");
        Map<String, String> inputShapes = new HashMap<>();
        for (JsonNode m : new ObjectMapper().readTree(src.resolve("index.json").toFile()).get("models")) {
            inputShapes.put(m.get("onnx").asText(), m.get("inputshape").asText());
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".onnx") || p.toString().endsWith(".data"))::iterator) {
                String rel = "testdata/" + src.relativize(p).toString().replace('\\', '/');
                Path target = dir.resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
                if (rel.endsWith(".onnx")) {
                    names.add(rel);
                    // the sidecar a zoo keeps for models that need options: dynamic-axes exports need their shape
                    String shape = inputShapes.get(src.relativize(p).toString().replace('\\', '/'));
                    if (shape == null) {
                        throw new IllegalStateException(p + " is not listed in testdata/models/index.json");
                    }
                    Files.writeString(target.resolveSibling(target.getFileName() + ".pnnxj"), "inputshape=" + shape + "\n");
                }
            }
        }
        return names;
    }

    private static void save(Path dir, String name, ModelProto m) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, m.toByteArray());
    }

    private static ModelProto model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g.setName("zoo")).build();
    }

    /** A graph with float input x; dims are Long (fixed) or String (named, dynamic). */
    private static GraphProto.Builder graph(List<Object> dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Long v) {
                dim.setDimValue(v);
            } else {
                dim.setDimParam((String) d);
            }
            shape.addDim(dim);
        }
        return GraphProto.newBuilder().addInput(ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))));
    }

    private static ValueInfoProto info(String name) {
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))).build();
    }

    private static NodeProto node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).setName(outputs.get(0) + "_" + op.toLowerCase())
                .addAllInput(inputs).addAllOutput(outputs).addAllAttribute(List.of(attrs)).build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    /** A float tensor of the given dims filled with a fixed small pattern. */
    private static TensorProto weights(String name, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
        long n = 1;
        for (long d : dims) {
            t.addDims(d);
            n *= d;
        }
        for (long i = 0; i < n; i++) {
            t.addFloatData((i % 7 - 3) * 0.125f);
        }
        return t.build();
    }
}

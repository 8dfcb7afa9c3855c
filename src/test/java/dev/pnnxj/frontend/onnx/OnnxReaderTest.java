package dev.pnnxj.frontend.onnx;

import static dev.pnnxj.frontend.onnx.OnnxModels.floatAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.floats;
import static dev.pnnxj.frontend.onnx.OnnxModels.intAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.ints;
import static dev.pnnxj.frontend.onnx.OnnxModels.leFloats;
import static dev.pnnxj.frontend.onnx.OnnxModels.model;
import static dev.pnnxj.frontend.onnx.OnnxModels.node;
import static dev.pnnxj.frontend.onnx.OnnxModels.stringAttr;
import static dev.pnnxj.frontend.onnx.OnnxModels.valueInfo;
import static dev.pnnxj.frontend.onnx.OnnxModels.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.SparseTensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto.DataType;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {
    private static final int FLOAT = DataType.FLOAT_VALUE;

    @TempDir
    Path dir;

    private Graph read(GraphProto.Builder g) {
        return OnnxReader.read(write(dir, model(17, g)));
    }

    private ConversionException refused(GraphProto.Builder g) {
        return assertThrows(ConversionException.class, () -> read(g));
    }

    private static GraphProto.Builder relu() {
        return GraphProto.newBuilder().addInput(valueInfo("x", FLOAT, 1L, 3L))
                .addNode(node("Relu", List.of("x"), List.of("y"))).addOutput(valueInfo("y", FLOAT));
    }

    // --- files that are not ONNX models

    @Test
    void missingFileIsReported() {
        Path p = dir.resolve("nope.onnx");
        ConversionException e = assertThrows(ConversionException.class, () -> OnnxReader.read(p));
        assertEquals("ONNX model " + p + " not found: check the path", e.getMessage());
    }

    @Test
    void truncatedModelIsRejected() throws IOException {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(256)
                .setRawData(ByteString.copyFrom(new byte[1024])).build();
        Path file = write(dir, model(17, relu().addInitializer(w)));
        OnnxReader.read(file); // the whole file is fine
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ConversionException e = assertThrows(ConversionException.class, () -> OnnxReader.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a readable ONNX model (protobuf parsing failed: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("The file may be truncated or not an ONNX model at all: export or"
                + " download it again"), e.getMessage());
    }

    @Test
    void randomBytesAreRejected() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.onnx"), junk);
        ConversionException e = assertThrows(ConversionException.class, () -> OnnxReader.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a readable ONNX model ("), e.getMessage());
    }

    @Test
    void emptyFileHasNoGraph() throws IOException {
        Path file = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        ConversionException e = assertThrows(ConversionException.class, () -> OnnxReader.read(file));
        assertEquals(file + " is not a readable ONNX model (it holds no graph). The file may be truncated or not an"
                + " ONNX model at all: export or download it again", e.getMessage());
    }

    @Test
    void graphWithoutNodesIsRejected() {
        Path file = write(dir, model(17, GraphProto.newBuilder().addInput(valueInfo("x", FLOAT))));
        ConversionException e = assertThrows(ConversionException.class, () -> OnnxReader.read(file));
        assertEquals(file + ": the model's graph has no nodes, so there is nothing to convert: export the model"
                + " again with its layers", e.getMessage());
    }

    // --- graph structure

    @Test
    void inputsOutputsAndOpsets() {
        ModelProto m = model(13, relu()).toBuilder()
                .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("ai.onnx").setVersion(13))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1)).build();
        Graph g = OnnxReader.read(write(dir, m));
        assertEquals(Map.of("", 13, "com.microsoft", 1), g.opsets());
        assertEquals("[x:FLOAT32[1,3]]", g.inputs().toString());
        assertEquals("[y:FLOAT32[?]]", g.outputs().toString()); // [?]: output rank not recorded
        Node relu = g.nodes().get(0);
        assertEquals("Relu", relu.op());
        assertSame(g.inputs().get(0), relu.input(0));
        assertSame(g.outputs().get(0), relu.output(0));
    }

    @Test
    void modelWithoutOpsetImportIsOpsetOne() {
        Graph g = OnnxReader.read(write(dir, model(1, relu()).toBuilder().clearOpsetImport().build()));
        assertEquals(Map.of("", 1), g.opsets());
    }

    @Test
    void inputShapesKeepSymbolicAndMissingDimsAsUnknown() {
        GraphProto.Builder g = relu().setInput(0, valueInfo("x", FLOAT, "batch", 3L, null, 5L))
                .addInput(valueInfo("z", DataType.INT64_VALUE))
                .addNode(node("Relu", List.of("z"), List.of("z2")));
        Graph graph = read(g);
        assertEquals(Shape.of(Shape.UNKNOWN, 3, Shape.UNKNOWN, 5), graph.value("x").shape());
        assertEquals(DType.INT64, graph.value("z").dtype());
        assertNull(graph.value("z").shape()); // no shape recorded: rank unknown
    }

    @Test
    void valueInfoGivesIntermediateAndOutputShapes() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(valueInfo("x", FLOAT, 1L, 3L))
                .addNode(node("Relu", List.of("x"), List.of("h")))
                .addNode(node("Sigmoid", List.of("h"), List.of("y")))
                .addValueInfo(valueInfo("h", FLOAT, 1L, 3L))
                .addOutput(valueInfo("y", FLOAT, "n", 3L));
        Graph graph = read(g);
        assertEquals("h:FLOAT32[1,3]", graph.value("h").toString());
        assertEquals("y:FLOAT32[?,3]", graph.value("y").toString());
    }

    @Test
    void initializerListedAsInputBecomesAConstant() {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(3)
                .addFloatData(1).addFloatData(2).addFloatData(3).build();
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(valueInfo("x", FLOAT, 1L, 3L)).addInput(valueInfo("w", FLOAT, 3L)).addInitializer(w)
                .addNode(node("Add", List.of("x", "w"), List.of("y"))).addOutput(valueInfo("y", FLOAT));
        Graph graph = read(g);
        assertEquals(List.of(graph.value("x")), graph.inputs());
        Value wv = graph.nodes().get(0).input(1);
        assertTrue(wv.isConstant());
        assertArrayEquals(new float[] {1, 2, 3}, wv.constant().toFloats());
    }

    @Test
    void constantNodesBecomeConstantValues() {
        TensorProto t = TensorProto.newBuilder().setDataType(FLOAT).addDims(2)
                .setRawData(ByteString.copyFrom(leFloats(4, 5))).build();
        GraphProto.Builder g = relu()
                .addNode(node("Constant", List.of(), List.of("c0"), AttributeProto.newBuilder().setName("value")
                        .setType(AttributeType.TENSOR).setT(t).build()))
                .addNode(node("Constant", List.of(), List.of("c1"), floatAttr("value_float", 0.5f)))
                .addNode(node("Constant", List.of(), List.of("c2"), floats("value_floats", 1, 2)))
                .addNode(node("Constant", List.of(), List.of("c3"), intAttr("value_int", -3)))
                .addNode(node("Constant", List.of(), List.of("c4"), ints("value_ints", 7, 8, 9)));
        for (int i = 0; i < 5; i++) {
            g.addOutput(valueInfo("c" + i, FLOAT));
        }
        Graph graph = read(g);
        assertEquals(1, graph.nodes().size());
        assertTensor(graph, "c0", DType.FLOAT32, Shape.of(2), 4, 5);
        assertTensor(graph, "c1", DType.FLOAT32, Shape.SCALAR, 0.5);
        assertTensor(graph, "c2", DType.FLOAT32, Shape.of(2), 1, 2);
        assertTensor(graph, "c3", DType.INT64, Shape.SCALAR, -3);
        assertTensor(graph, "c4", DType.INT64, Shape.of(3), 7, 8, 9);
    }

    private static void assertTensor(Graph g, String name, DType dtype, Shape shape, double... values) {
        Tensor t = g.value(name).constant();
        assertEquals(dtype, t.dtype(), name);
        assertEquals(shape, t.shape(), name);
        assertArrayEquals(values, t.toDoubles(), name);
    }

    @Test
    void sparseConstantIsRefused() {
        AttributeProto sparse = AttributeProto.newBuilder().setName("sparse_value")
                .setType(AttributeType.SPARSE_TENSOR).setSparseTensor(SparseTensorProto.getDefaultInstance()).build();
        NodeProto c = node("Constant", List.of(), List.of("c"), sparse).toBuilder().setName("k").build();
        ConversionException e = refused(relu().addNode(c));
        assertEquals("Constant node 'k' holds a 'sparse_value' value, which pnnx-j cannot convert (only dense numeric"
                + " constants are supported): replace it with a dense float or integer tensor in the source model",
                e.getMessage());
    }

    @Test
    void attributesBecomeJavaValues() {
        TensorProto t = TensorProto.newBuilder().setDataType(DataType.INT64_VALUE).addDims(1).addInt64Data(9).build();
        AttributeProto strings = AttributeProto.newBuilder().setName("ss").setType(AttributeType.STRINGS)
                .addStrings(ByteString.copyFromUtf8("a")).addStrings(ByteString.copyFromUtf8("bé")).build();
        // files from before AttributeProto.type existed: the set field tells the type
        AttributeProto untyped = AttributeProto.newBuilder().setName("old").setI(4).build();
        NodeProto n = node("Op", List.of("x"), List.of("y"), floatAttr("f", 0.25f), intAttr("i", -2),
                stringAttr("s", "nearést"), floats("fs", 1, 2), ints("is", 3, -4), strings,
                AttributeProto.newBuilder().setName("t").setType(AttributeType.TENSOR).setT(t).build(), untyped);
        Node node = read(relu().setNode(0, n)).nodes().get(0);
        Map<String, Object> a = node.attrs();
        assertEquals(0.25f, a.get("f"));
        assertEquals(-2L, a.get("i"));
        assertEquals("nearést", a.get("s"));
        assertArrayEquals(new float[] {1, 2}, (float[]) a.get("fs"));
        assertArrayEquals(new long[] {3, -4}, (long[]) a.get("is"));
        assertArrayEquals(new String[] {"a", "bé"}, (String[]) a.get("ss"));
        assertArrayEquals(new long[] {9}, node.getTensor("t").toLongs());
        assertEquals(4L, a.get("old"));
    }

    @Test
    void subgraphAttributesMarkTheNode() {
        AttributeProto body = AttributeProto.newBuilder().setName("body").setType(AttributeType.GRAPH)
                .setG(GraphProto.getDefaultInstance()).build();
        AttributeProto bodies = AttributeProto.newBuilder().setName("branches").setType(AttributeType.GRAPHS)
                .addGraphs(GraphProto.getDefaultInstance()).build();
        GraphProto.Builder g = relu().addNode(node("Scan", List.of("x"), List.of("a"), body))
                .addNode(node("Switch", List.of("x"), List.of("b"), bodies));
        Graph graph = read(g);
        assertEquals(Map.of("subgraph", true), graph.nodes().get(1).attrs());
        assertEquals(Map.of("subgraph", true), graph.nodes().get(2).attrs());
        assertEquals("Scan", graph.nodes().get(1).op());
    }

    @Test
    void ifBranchesReadTheOuterValuesAsInputsAndInlineOnDemand() {
        // then: Neg(y); else: y itself; y is the outer Relu's output
        GraphProto thenG = GraphProto.newBuilder().addNode(node("Neg", List.of("y"), List.of("t")))
                .addOutput(valueInfo("t", FLOAT)).build();
        GraphProto elseG = GraphProto.newBuilder().addOutput(valueInfo("y", FLOAT)).build();
        AttributeProto thenA = AttributeProto.newBuilder().setName("then_branch").setType(AttributeType.GRAPH)
                .setG(thenG).build();
        AttributeProto elseA = AttributeProto.newBuilder().setName("else_branch").setType(AttributeType.GRAPH)
                .setG(elseG).build();
        GraphProto.Builder g = relu().addInput(valueInfo("c", DataType.BOOL_VALUE)).addNode(node("If", List.of("c"), List.of("z"),
                thenA, elseA)).setOutput(0, valueInfo("z", FLOAT));
        Graph graph = read(g);
        Node n = graph.nodes().get(1);
        assertEquals("If", n.op());
        assertEquals(List.of("c", "y"), n.inputs().stream().map(Value::name).toList());
        dev.pnnxj.ir.Subgraph then = (dev.pnnxj.ir.Subgraph) n.attrs().get("then_branch");
        assertEquals(List.of("y"), then.captured());
        List<Value> out = then.inline(graph, List.of(n.input(1)));
        assertEquals("Neg", out.get(0).producer().op());
        assertEquals(n.input(1), out.get(0).producer().input(0));
    }

    @Test
    void unreadableAttributeTypeIsRefused() {
        AttributeProto tensors = AttributeProto.newBuilder().setName("ts").setType(AttributeType.TENSORS).build();
        ConversionException e = refused(relu().setNode(0, node("Relu", List.of("x"), List.of("y"), tensors)));
        assertEquals("attribute 'ts' of node 'Relu_0' has type TENSORS, which pnnx-j does not read: replace the node"
                + " in the source model", e.getMessage());
    }

    @Test
    void otherDomainsPrefixTheOpType() {
        NodeProto ms = node("FusedConv", List.of("x"), List.of("a")).toBuilder().setDomain("com.microsoft").build();
        NodeProto onnx = node("Relu", List.of("a"), List.of("b")).toBuilder().setDomain("ai.onnx").build();
        Graph graph = read(relu().addNode(ms).addNode(onnx));
        assertEquals("com.microsoft::FusedConv", graph.nodes().get(1).op());
        assertEquals("Relu", graph.nodes().get(2).op());
    }

    @Test
    void unnamedNodesAreNamedAfterOpAndIndexAndNamesAreUnique() {
        NodeProto named = node("Sigmoid", List.of("x"), List.of("a")).toBuilder().setName("Relu_0").build();
        Graph graph = read(relu().addNode(named).addNode(node("Relu", List.of("a"), List.of("b"))));
        assertEquals(List.of("Relu_0", "Relu_0_0", "Relu_2"), graph.nodes().stream().map(Node::name).toList());
    }

    @Test
    void nodesOutOfOrderAreSorted() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(valueInfo("x", FLOAT))
                .addNode(node("Sigmoid", List.of("h"), List.of("y")))
                .addNode(node("Relu", List.of("x"), List.of("h")))
                .addOutput(valueInfo("y", FLOAT));
        Graph graph = read(g);
        assertEquals(List.of("Relu", "Sigmoid"), graph.nodes().stream().map(Node::op).toList());
        assertSame(graph.nodes().get(0).output(0), graph.nodes().get(1).input(0));
    }

    @Test
    void omittedOptionalInputsAndOutputs() {
        Graph graph = read(relu().setNode(0, node("Dropout", List.of("x", "", "t"), List.of("y", "")))
                .addInput(valueInfo("t", DataType.BOOL_VALUE)));
        Node n = graph.nodes().get(0);
        assertNull(n.input(1));
        assertEquals(2, n.outputs().size());
        assertSame(graph.value("y"), n.output(0));
    }

    @Test
    void undefinedValueIsReported() {
        ConversionException e = refused(relu().setNode(0, node("Add", List.of("x", "ghost"), List.of("y"))));
        assertEquals(dir.resolve("model.onnx") + " is not a valid ONNX model: node 'Add_0' reads 'ghost', which no"
                + " node, graph input or initializer defines. Re-export it, or check it with"
                + " onnx.checker.check_model", e.getMessage());
    }

    @Test
    void valueDefinedTwiceIsReported() {
        ConversionException e = refused(relu().addNode(node("Sigmoid", List.of("x"), List.of("y"))));
        assertEquals(dir.resolve("model.onnx") + " is not a valid ONNX model: value 'y' is defined twice, the second"
                + " time by node 'Sigmoid_1'. Re-export it, or check it with onnx.checker.check_model",
                e.getMessage());
    }

    @Test
    void undefinedGraphOutputIsReported() {
        ConversionException e = refused(relu().addOutput(valueInfo("nowhere", FLOAT)));
        assertEquals(dir.resolve("model.onnx") + " is not a valid ONNX model: graph output 'nowhere' is not"
                + " produced by any node. Re-export it, or check it with onnx.checker.check_model", e.getMessage());
    }
}

package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.AttributeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TypeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ValueInfoProto;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Subgraph;
import dev.pnnxj.ir.Value;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the IR graph of a parsed ONNX model: initializers and {@code Constant} nodes become
 * constant values, the remaining graph inputs become graph inputs, every other node becomes an IR
 * node (older-opset forms upgraded by {@link OpsetUpgrade}), and value-info shapes are attached.
 * An If keeps its branches unread as {@link Subgraph} attributes, taking the outer values they read
 * as inputs after its condition; InlineConstantIf splices in the branch a constant condition picks.
 */
final class OnnxGraphBuilder {
    private final Path modelFile;
    private final TensorReader tensors;
    private final Graph graph = new Graph();
    /**
     * ONNX value name to IR value. Kept apart from the graph's own names because constants made by
     * upgrades may take a name that an ONNX value uses later on.
     */
    private Map<String, Value> values = new HashMap<>();
    /** The names defined by the loop bodies being unrolled, innermost first; looked up before {@link #values}. */
    private final Deque<Map<String, Value>> bodies = new ArrayDeque<>();

    /** The newest ONNX opset (ONNX 1.18's), whose op forms the reader and {@link OpsetUpgrade} know. */
    static final int NEWEST_OPSET = 23;

    private OnnxGraphBuilder(Path modelFile) {
        this.modelFile = modelFile;
        this.tensors = new TensorReader(modelFile);
    }

    static Graph build(ModelProto model, Path modelFile) {
        return new OnnxGraphBuilder(modelFile).build(model);
    }

    private Graph build(ModelProto model) {
        GraphProto g = model.getGraph();
        if (g.getNodeCount() == 0) {
            throw new ConversionException(modelFile + ": the model's graph has no nodes, so there is nothing to"
                    + " convert: export the model again with its layers");
        }
        if (g.getOutputCount() == 0) {
            throw invalid("its graph declares no outputs, so nothing it computes can be read");
        }
        readOpsets(model);
        for (TensorProto init : g.getInitializerList()) {
            define(init.getName(), "initializer").setConstant(tensors.read(init, init.getName()));
        }
        for (ValueInfoProto in : g.getInputList()) {
            // before IR version 4 every initializer was also listed as an input: it stays a constant
            if (!values.containsKey(in.getName())) {
                checkInputType(in);
                values.put(in.getName(), graph.addInput(in.getName(), OnnxTypes.dtype(in), OnnxTypes.shape(in)));
            }
        }
        int opset = graph.opsets().get("");
        for (int i = 0; i < g.getNodeCount(); i++) {
            addNode(g.getNode(i), i, opset);
        }
        annotate(g.getValueInfoList());
        annotate(g.getOutputList());
        for (ValueInfoProto out : g.getOutputList()) {
            Value v = values.get(out.getName());
            if (v == null) {
                throw invalid("graph output '" + out.getName() + "' is not produced by any node");
            }
            graph.addOutput(v);
        }
        checkAllDefined();
        try {
            graph.sortTopologically();
        } catch (IllegalStateException e) {
            throw invalid("its nodes form a cycle");
        }
        return graph;
    }

    private void readOpsets(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (isDefaultDomain(o.getDomain()) && (o.getVersion() < 1 || o.getVersion() > NEWEST_OPSET)) {
                throw invalid("it imports ONNX opset " + o.getVersion() + "; opsets run from 1 to " + NEWEST_OPSET
                        + ", the newest pnnx-j knows. Export at opset " + NEWEST_OPSET + " or lower");
            }
            graph.opsets().put(isDefaultDomain(o.getDomain()) ? "" : o.getDomain(), Math.toIntExact(o.getVersion()));
        }
        // files from before IR version 3 carry no opset_import; they were all written against opset 1
        graph.opsets().putIfAbsent("", 1);
    }

    /** A graph input must be a tensor of numbers or bools: ncnn feeds nothing else (strings, sequences, maps). */
    private void checkInputType(ValueInfoProto in) {
        TypeProto type = in.getType();
        if (type.hasTensorType() && type.getTensorType().hasElemType()) {
            int code = type.getTensorType().getElemType();
            if (OnnxTypes.dtype(code) == null) {
                throw invalid("graph input '" + in.getName() + "' holds " + OnnxTypes.name(code)
                        + " elements, which ncnn cannot take as input");
            }
        } else if (type.getValueCase() != TypeProto.ValueCase.VALUE_NOT_SET && !type.hasTensorType()) {
            throw invalid("graph input '" + in.getName() + "' is a " + type.getValueCase().name().toLowerCase()
                    + ", not a tensor; ncnn takes only tensors as input");
        }
    }

    private static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    private void addNode(NodeProto p, int index, int opset) {
        boolean onnxDomain = isDefaultDomain(p.getDomain());
        // other domains keep their prefix so that, say, com.microsoft::Gelu is reported as unsupported
        String op = onnxDomain ? p.getOpType() : p.getDomain() + "::" + p.getOpType();
        String name = p.getName().isEmpty() ? p.getOpType() + "_" + index : p.getName();
        if (onnxDomain && p.getOpType().equals("Constant")) {
            if (p.getOutputCount() != 1) {
                throw invalid("Constant node '" + name + "' has " + p.getOutputCount() + " outputs instead of 1");
            }
            define(p.getOutput(0), "node '" + name + "'").setConstant(ConstantNode.value(p, name, tensors));
            return;
        }
        if (onnxDomain && p.getOpType().equals("Loop")) {
            StaticLoop loop = StaticLoop.of(p, this::lookup);
            if (loop != null) {
                unroll(p, loop, name, opset);
                return;
            }
        }
        if (onnxDomain && p.getOpType().equals("If")) {
            addIf(p, name, opset);
            return;
        }
        List<Value> in = new ArrayList<>();
        for (String s : p.getInputList()) {
            // an empty name is an omitted optional input; a name not seen yet is defined further on
            in.add(s.isEmpty() ? null : read(s));
        }
        List<Value> out = new ArrayList<>();
        for (String s : p.getOutputList()) {
            out.add(s.isEmpty() ? graph.newValue(name + "_unused") : define(s, "node '" + name + "'"));
        }
        Node n = graph.addNodeWithOutputs(op, name, in, out);
        OnnxAttributes.copy(p.getAttributeList(), n, tensors);
        if (onnxDomain) {
            OpsetUpgrade.apply(n, opset);
        }
    }

    /**
     * A static Loop as its body's nodes once per iteration: the iteration number a constant, the
     * loop-carried values passed from one copy to the next, each scan output the per-iteration
     * values stacked on a new axis 0.
     */
    private void unroll(NodeProto p, StaticLoop loop, String name, int opset) {
        GraphProto body = loop.body();
        int carriedCount = p.getInputCount() - 2;
        List<Value> carried = new ArrayList<>();
        for (int k = 0; k < carriedCount; k++) {
            carried.add(read(p.getInput(2 + k)));
        }
        int scanCount = body.getOutputCount() - 1 - carriedCount;
        List<List<Value>> scans = new ArrayList<>();
        for (int k = 0; k < scanCount; k++) {
            scans.add(new ArrayList<>());
        }
        for (long i = 0; i < loop.trips(); i++) {
            Map<String, Value> scope = new HashMap<>();
            scope.put(body.getInput(0).getName(), graph.constant(name + "_iteration", Tensor.ofLongs(loop.iteration(), i)));
            scope.put(body.getInput(1).getName(), graph.constant(name + "_condition", Tensor.ofDoubles(DType.BOOL, Shape.SCALAR, 1)));
            for (int k = 0; k < carriedCount; k++) {
                scope.put(body.getInput(2 + k).getName(), carried.get(k));
            }
            bodies.push(scope);
            for (int j = 0; j < body.getNodeCount(); j++) {
                addNode(body.getNode(j), j, opset);
            }
            for (int k = 0; k < carriedCount; k++) {
                carried.set(k, bodyOutput(body, 1 + k, name));
            }
            for (int k = 0; k < scanCount; k++) {
                scans.get(k).add(bodyOutput(body, 1 + carriedCount + k, name));
            }
            bodies.pop();
        }
        for (int k = 0; k < p.getOutputCount(); k++) {
            String out = p.getOutput(k);
            if (out.isEmpty()) {
                continue;
            }
            List<Value> in = new ArrayList<>();
            String op = "Identity";
            if (k < carriedCount) {
                in.add(carried.get(k));
            } else {
                op = "Concat";
                Value axis = graph.constant(name + "_axis", Tensor.ofLongs(Shape.of(1), 0));
                for (Value v : scans.get(k - carriedCount)) {
                    Node u = graph.addNode("Unsqueeze", name + "_scan", List.of(v, axis), List.of(name + "_scan"));
                    in.add(u.output(0));
                }
            }
            Node n = graph.addNodeWithOutputs(op, name, in, List.of(define(out, "node '" + name + "'")));
            if (op.equals("Concat")) {
                n.set("axis", 0L);
            }
        }
    }

    private void addIf(NodeProto p, String name, int opset) {
        GraphProto thenBranch = null;
        GraphProto elseBranch = null;
        for (AttributeProto a : p.getAttributeList()) {
            if (a.getName().equals("then_branch")) {
                thenBranch = a.getG();
            } else if (a.getName().equals("else_branch")) {
                elseBranch = a.getG();
            }
        }
        if (thenBranch == null || elseBranch == null || p.getInputCount() != 1) {
            throw invalid("If node '" + name + "' needs one condition input and both branches");
        }
        Set<String> free = new LinkedHashSet<>(freeNames(thenBranch));
        free.addAll(freeNames(elseBranch));
        List<String> captured = new ArrayList<>(free);
        List<Value> in = new ArrayList<>(List.of(read(p.getInput(0))));
        for (String c : captured) {
            in.add(read(c));
        }
        List<Value> out = new ArrayList<>();
        for (String o : p.getOutputList()) {
            out.add(define(o, "node '" + name + "'"));
        }
        Node n = graph.addNodeWithOutputs("If", name, in, out);
        n.set("then_branch", new Branch(thenBranch, captured, opset));
        n.set("else_branch", new Branch(elseBranch, captured, opset));
    }

    /** Names a graph reads but neither defines nor takes as inputs (its nested branches' included). */
    private static List<String> freeNames(GraphProto g) {
        Set<String> defined = new HashSet<>();
        g.getInitializerList().forEach(t -> defined.add(t.getName()));
        g.getInputList().forEach(v -> defined.add(v.getName()));
        Set<String> free = new LinkedHashSet<>();
        for (NodeProto n : g.getNodeList()) {
            List<String> reads = new ArrayList<>(n.getInputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    reads.addAll(freeNames(a.getG()));
                }
                a.getGraphsList().forEach(sub -> reads.addAll(freeNames(sub)));
            }
            reads.stream().filter(r -> !r.isEmpty() && !defined.contains(r)).forEach(free::add);
            defined.addAll(n.getOutputList());
        }
        g.getOutputList().stream().map(ValueInfoProto::getName).filter(o -> !defined.contains(o)).forEach(free::add);
        return new ArrayList<>(free);
    }

    /** One If branch, read into the graph in a scope of its own when a pass inlines it. */
    private final class Branch implements Subgraph {
        private final GraphProto body;
        private final List<String> captured;
        private final int opset;

        Branch(GraphProto body, List<String> captured, int opset) {
            this.body = body;
            this.captured = captured;
            this.opset = opset;
        }

        @Override
        public List<String> captured() {
            return captured;
        }

        @Override
        public List<Value> inline(Graph g, List<Value> outer) {
            if (g != graph) {
                throw new IllegalStateException("an If branch is inlined into another graph than its own");
            }
            Map<String, Value> enclosing = values;
            values = new HashMap<>();
            try {
                for (int i = 0; i < captured.size(); i++) {
                    values.put(captured.get(i), outer.get(i));
                }
                for (TensorProto init : body.getInitializerList()) {
                    define(init.getName(), "initializer").setConstant(tensors.read(init, init.getName()));
                }
                for (int i = 0; i < body.getNodeCount(); i++) {
                    addNode(body.getNode(i), i, opset);
                }
                List<Value> out = new ArrayList<>();
                for (ValueInfoProto o : body.getOutputList()) {
                    out.add(lookup(o.getName()));
                }
                return out;
            } finally {
                values = enclosing;
            }
        }
    }

    private Value bodyOutput(GraphProto body, int k, String loopName) {
        Value v = lookup(body.getOutput(k).getName());
        if (v == null) {
            throw invalid("the body of Loop '" + loopName + "' has no value '" + body.getOutput(k).getName() + "'");
        }
        return v;
    }

    /** The value an ONNX name refers to here: the innermost loop body's first, then the graph's; null when undefined. */
    private Value lookup(String name) {
        for (Map<String, Value> scope : bodies) {
            Value v = scope.get(name);
            if (v != null) {
                return v;
            }
        }
        return values.get(name);
    }

    /** The value read under a name, made now when the name is defined further on. */
    private Value read(String name) {
        Value v = lookup(name);
        if (v == null) {
            v = graph.newValue(name);
            scope().put(name, v);
        }
        return v;
    }

    private Map<String, Value> scope() {
        return bodies.isEmpty() ? values : bodies.peek();
    }

    /** The value for an ONNX name being defined (by {@code definer}); it may already be read. */
    private Value define(String name, String definer) {
        Value v = scope().get(name);
        if (v == null) {
            v = graph.newValue(name);
            scope().put(name, v);
        } else if (v.producer() != null || v.isConstant() || graph.inputs().contains(v)) {
            throw invalid("value '" + name + "' is defined twice, the second time by " + definer);
        }
        return v;
    }

    private void annotate(List<ValueInfoProto> infos) {
        for (ValueInfoProto info : infos) {
            Value v = values.get(info.getName());
            if (v == null || v.isConstant()) {
                continue;
            }
            DType dtype = OnnxTypes.dtype(info);
            Shape shape = OnnxTypes.shape(info);
            if (dtype != null) {
                v.setDtype(dtype);
            }
            if (shape != null) {
                v.setShape(shape);
            }
        }
    }

    private void checkAllDefined() {
        for (Map.Entry<String, Value> e : values.entrySet()) {
            Value v = e.getValue();
            if (v.producer() == null && !v.isConstant() && !graph.inputs().contains(v)) {
                throw invalid("node '" + v.users().get(0).name() + "' reads '" + e.getKey()
                        + "', which no node, graph input or initializer defines");
            }
        }
    }

    private ConversionException invalid(String what) {
        return new ConversionException(modelFile + " is not a valid ONNX model: " + what
                + ". Re-export it, or check it with onnx.checker.check_model");
    }
}

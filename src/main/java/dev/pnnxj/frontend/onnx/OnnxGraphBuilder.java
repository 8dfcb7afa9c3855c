package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.GraphProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ModelProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.NodeProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.OperatorSetIdProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.ValueInfoProto;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the IR graph of a parsed ONNX model: initializers and {@code Constant} nodes become
 * constant values, the remaining graph inputs become graph inputs, every other node becomes an IR
 * node (older-opset forms upgraded by {@link OpsetUpgrade}), and value-info shapes are attached.
 */
final class OnnxGraphBuilder {
    private final Path modelFile;
    private final TensorReader tensors;
    private final Graph graph = new Graph();
    /**
     * ONNX value name to IR value. Kept apart from the graph's own names because constants made by
     * upgrades may take a name that an ONNX value uses later on.
     */
    private final Map<String, Value> values = new HashMap<>();

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
        readOpsets(model);
        for (TensorProto init : g.getInitializerList()) {
            define(init.getName(), "initializer").setConstant(tensors.read(init, init.getName()));
        }
        for (ValueInfoProto in : g.getInputList()) {
            // before IR version 4 every initializer was also listed as an input: it stays a constant
            if (!values.containsKey(in.getName())) {
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
            graph.opsets().put(isDefaultDomain(o.getDomain()) ? "" : o.getDomain(), Math.toIntExact(o.getVersion()));
        }
        // files from before IR version 3 carry no opset_import; they were all written against opset 1
        graph.opsets().putIfAbsent("", 1);
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
        List<Value> in = new ArrayList<>();
        for (String s : p.getInputList()) {
            // an empty name is an omitted optional input; a name not seen yet is defined further on
            in.add(s.isEmpty() ? null : values.computeIfAbsent(s, graph::newValue));
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

    /** The value for an ONNX name being defined (by {@code definer}); it may already be read. */
    private Value define(String name, String definer) {
        Value v = values.get(name);
        if (v == null) {
            v = graph.newValue(name);
            values.put(name, v);
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

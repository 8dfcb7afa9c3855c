package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.InputShape;
import dev.pnnxj.frontend.torchscript.PyAst.ClassDef;
import dev.pnnxj.frontend.torchscript.PyAst.Expr;
import dev.pnnxj.frontend.torchscript.PyAst.FunctionDef;
import dev.pnnxj.frontend.torchscript.PyAst.Name;
import dev.pnnxj.frontend.torchscript.PyAst.Param;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a TorchScript archive ({@code torch.jit.save} of a traced or scripted module) into an IR
 * {@link Graph} of ONNX ops, the same IR the ONNX reader produces. The module tree is unpickled
 * through an allow-list ({@link TorchUnpickler}), the root's {@code forward} is run symbolically
 * with submodule calls inlined ({@link ScriptInterpreter}), and each aten op becomes ONNX nodes
 * ({@link AtenOps}). Module tensors become constants named by their path, such as
 * {@code layer1.0.conv1.weight}, read from the archive only when used.
 */
public final class TorchScriptReader {
    private TorchScriptReader() {
    }

    /**
     * The graph of the module's forward. With input shapes (pnnx's {@code inputshape=}) the graph
     * inputs take them and sizes fold to numbers while reading, which some ops need (adaptive
     * pooling to a size other than 1, chunk, transpose with negative dims ...); without, the
     * inputs' shapes stay unknown.
     *
     * @throws ConversionException when the file is not a TorchScript archive, names a global that
     *                             is not allowed, or its code uses something pnnx-j cannot convert
     */
    public static Graph read(Path file, List<InputShape> shapes) {
        return read(file, shapes, null);
    }

    /**
     * aten op → the IR op types its mapping adds (folded at once or not) while reading
     * {@code file}, for every aten op the module's code calls; docs/ops.md is made from these.
     */
    public static Map<String, Set<String>> atenIrOps(Path file, List<InputShape> shapes) {
        Map<String, Set<String>> trace = new TreeMap<>();
        read(file, shapes, trace);
        return trace;
    }

    /** Every aten op the reader maps. */
    public static Set<String> atenOps() {
        return AtenOps.ops();
    }

    private static Graph read(Path file, List<InputShape> shapes, Map<String, Set<String>> trace) {
        TorchArchive archive = TorchArchive.open(file);
        Object root = ModuleValues.wrap(TorchUnpickler.unpickle(archive.read("data.pkl"), file + " data.pkl", "data"), "");
        if (!(root instanceof ScriptObject module)) {
            throw new ConversionException(file + ": data.pkl holds a " + PyValues.typeName(root)
                    + ", not a TorchScript module; save the model with torch.jit.save");
        }
        CodeLibrary code = new CodeLibrary(archive);
        ClassDef cls = code.classDef(module.className());
        FunctionDef forward = cls.methods().get("forward");
        if (forward == null) {
            throw new ConversionException(file + ": module " + module.className() + " has no forward method");
        }
        Graph graph = new Graph();
        List<Object> inputs = addInputs(graph, forward, shapes, file);
        IrBuilder ir = new IrBuilder(graph, archive, trace);
        ScriptInterpreter interpreter = new ScriptInterpreter(code, ir, constants(archive, file), file.toString());
        Object result = interpreter.call(forward, module, inputs, Map.of(), "");
        addOutputs(graph, ir, result, file);
        graph.sortTopologically();
        graph.removeDeadNodes();
        return graph;
    }

    /** constants.pkl's tuple, item i named CONSTANTS.ci as the code refers to it. */
    private static List<Object> constants(TorchArchive archive, Path file) {
        if (!archive.has("constants.pkl")) {
            return List.of();
        }
        Object c = TorchUnpickler.unpickle(archive.read("constants.pkl"), file + " constants.pkl", "constants");
        if (!(c instanceof Object[] items)) {
            throw new ConversionException(file + ": constants.pkl holds a " + PyValues.typeName(c) + ", not a tuple");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            out.add(ModuleValues.wrap(items[i], "CONSTANTS.c" + i));
        }
        return out;
    }

    /** One graph input per forward parameter after self, each a Tensor. */
    private static List<Object> addInputs(Graph graph, FunctionDef forward, List<InputShape> shapes, Path file) {
        List<Param> params = forward.params().subList(1, forward.params().size());
        if (!shapes.isEmpty() && shapes.size() != params.size()) {
            throw new ConversionException("inputshape= gives " + shapes.size() + " shape(s) but forward() of " + file
                    + " takes " + params.size() + " input(s): " + String.join(", ", params.stream().map(Param::name).toList()));
        }
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.type() != null && !(p.type() instanceof Name n && n.id().equals("Tensor"))) {
                throw new ConversionException(file + ": forward() input '" + p.name() + "' is a " + describe(p.type())
                        + "; pnnx-j converts forward methods whose inputs are all Tensors");
            }
            InputShape s = shapes.isEmpty() ? null : shapes.get(i);
            inputs.add(graph.addInput(p.name(), s == null ? DType.FLOAT32 : s.dtype(), s == null ? null : s.shape()));
        }
        return inputs;
    }

    private static String describe(Expr type) {
        return type instanceof Name n ? n.id() : type.getClass().getSimpleName().toLowerCase() + " type";
    }

    /** Graph outputs: the returned tensor, or the tensors of a returned tuple or list, in order. */
    private static void addOutputs(Graph graph, IrBuilder ir, Object result, Path file) {
        if (result == null) {
            throw new ConversionException(file + ": forward() returns None; pnnx-j converts forward methods that"
                    + " return tensors");
        }
        List<?> items = OpArgs.items(result);
        if (items == null) {
            items = List.of(result);
        }
        for (Object item : items) {
            if (OpArgs.items(item) != null) {
                addOutputs(graph, ir, item, file);
            } else if (item instanceof Value || item instanceof PyValues.Param) {
                graph.addOutput(ir.tensor(item));
            } else {
                throw new ConversionException(file + ": forward() returns a " + PyValues.typeName(item)
                        + "; pnnx-j converts forward methods that return tensors");
            }
        }
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.fold.ConstantEvaluator;
import dev.pnnxj.passes.shape.ShapeRule;
import dev.pnnxj.passes.shape.ShapeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Adds IR nodes for the TorchScript reader. Each node is evaluated as soon as it is added: when
 * its inputs are constants it becomes constants at once (so shape arithmetic on known input shapes
 * yields plain numbers), otherwise its output shapes are inferred, so that later ops can read the
 * ranks and sizes they need.
 */
final class IrBuilder {
    private final Graph graph;
    private final TorchArchive archive;
    private final Map<Param, Value> params = new HashMap<>();
    private final Map<NodeKey, List<Value>> made = new HashMap<>();
    private final InPlaceWrites writes = new InPlaceWrites(this);
    private String nodeName = "node";
    /** aten op → IR op types its mapping added (folded or not), or null when not traced. */
    private final Map<String, Set<String>> trace;
    private String tracedOp;

    IrBuilder(Graph graph, TorchArchive archive, Map<String, Set<String>> trace) {
        this.graph = graph;
        this.archive = archive;
        this.trace = trace;
    }

    /** Runs the mapping of {@code atenOp}, attributing the IR ops it adds to it when tracing. */
    <T> T mapping(String atenOp, Supplier<T> m) {
        if (trace == null) {
            return m.get();
        }
        String outer = tracedOp;
        tracedOp = atenOp;
        trace.computeIfAbsent(atenOp, k -> new TreeSet<>());
        try {
            return m.get();
        } finally {
            tracedOp = outer;
        }
    }

    /** Names the nodes added from now on (the module path, or the aten op at the top level). */
    void naming(String name) {
        nodeName = name;
    }

    /** The name nodes get now; constants a mapping makes are named after it ({@code bn.weight}). */
    String name() {
        return nodeName;
    }

    /** The in-place writes made so far, which later reads see. */
    InPlaceWrites writes() {
        return writes;
    }

    /** An operand that must be a tensor: an IR value, a module tensor, or a Python number. */
    Value tensor(Object v) {
        return tensor(v, null);
    }

    /** As {@link #tensor(Object)}; a Python number takes the element type of {@code like} when known. */
    Value tensor(Object v, Value like) {
        if (v instanceof Value value) {
            return writes.current(value);
        }
        if (v instanceof Param p) {
            return writes.current(param(p));
        }
        if (v instanceof Number || v instanceof Boolean) {
            return scalar(v, like == null ? null : like.dtype());
        }
        throw new ScriptError("expected a tensor but got " + PyValues.typeName(v));
    }

    /** The constant for a module tensor, made once per name. */
    Value param(Param p) {
        return params.computeIfAbsent(p, k -> constant(k.name(), k.data().toTensor(archive, k.name())));
    }

    /** The data of an operand that must be a constant ({@code what} names it in the error). */
    Tensor constantData(Object v, String what) {
        if (v instanceof Param p) {
            return p.data().toTensor(archive, p.name());
        }
        if (v instanceof Value value && value.isConstant()) {
            return value.constant();
        }
        throw new ScriptError(what + " must be a constant, but is computed in the graph");
    }

    /** A tensor seen with another shape: a module tensor stays a constant of its own name. */
    Value reshaped(Object v, long... shape) {
        if (v instanceof Param p) {
            return constant(p.name(), constantData(p, p.name()).reshape(Shape.of(shape)));
        }
        return op("Reshape").in(tensor(v), longs(shape)).out();
    }

    Value constant(String name, Tensor t) {
        return graph.constant(name, t);
    }

    /** A 1-D int64 constant (axes, shapes, pads, sizes). */
    Value longs(long... v) {
        return constant(nodeName + "_ints", Tensor.ofLongs(Shape.of(v.length), v));
    }

    /** A 0-d constant holding {@code number}, of {@code dtype} or else the number's own Python type. */
    Value scalar(Object number, DType dtype) {
        DType t = dtype != null ? dtype
                : number instanceof Double ? DType.FLOAT32 : number instanceof Boolean ? DType.BOOL : DType.INT64;
        double d = number instanceof Boolean b ? (b ? 1 : 0) : ((Number) number).doubleValue();
        return constant(nodeName + "_scalar", Tensor.ofDoubles(t, Shape.SCALAR, d));
    }

    /**
     * An int list as a 1-D int64 value: a constant when every item is known, else the Concat of
     * the items (symbolic sizes from {@code aten::size} stay nodes for the passes to fold).
     */
    Value intList(List<?> items) {
        long[] known = new long[items.size()];
        boolean allKnown = true;
        for (int i = 0; i < items.size(); i++) {
            Long l = staticLong(items.get(i));
            allKnown &= l != null;
            known[i] = l == null ? 0 : l;
        }
        if (allKnown) {
            return longs(known);
        }
        Op concat = op("Concat").attr("axis", 0);
        for (Object item : items) {
            Long l = staticLong(item);
            concat.in(l != null ? longs(l) : op("Unsqueeze").in(tensor(item), longs(0)).out());
        }
        return concat.out();
    }

    /** The number an int operand holds when known now: a Python int or a constant one-element tensor. */
    static Long staticLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Value value && value.isConstant() && value.constant().numel() == 1) {
            return value.constant().toLongs()[0];
        }
        return null;
    }

    /** The shape of a tensor operand, or null when not known yet. */
    static Shape shapeOf(Object v) {
        if (v instanceof Value value) {
            return value.shape();
        }
        if (v instanceof Param p) {
            return p.data().shape();
        }
        return null;
    }

    /** The rank of a tensor, which the mapping of the current op needs. */
    static int rank(Object v) {
        Shape s = shapeOf(v);
        if (s == null) {
            throw ScriptError.notStatic("the rank of a tensor");
        }
        return s.rank();
    }

    /** A dim of a tensor, which the mapping of the current op needs. */
    static int dim(Object v, long axis) {
        Shape s = shapeOf(v);
        int d = s == null ? Shape.UNKNOWN : s.dim(s.axis(axis));
        if (d == Shape.UNKNOWN) {
            throw ScriptError.notStatic("dim " + axis + " of a tensor");
        }
        return d;
    }

    Op op(String type) {
        return new Op(type);
    }

    /**
     * What makes two nodes compute the same: op, inputs and attribute values. Traced code repeats
     * an expression it reuses ({@code (x - u)} in a hand-written LayerNorm); one node serves both,
     * as in the graph the ONNX exporter cleans up, so the patterns the passes match see one reader.
     */
    private record NodeKey(String op, List<Value> inputs, String attrs) {
        /** Null for a node with an attribute whose value has no content equality (a tensor). */
        static NodeKey of(String op, List<Value> inputs, Map<String, Object> attrs) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> a : attrs.entrySet()) {
                Object v = a.getValue();
                String text = v instanceof long[] l ? Arrays.toString(l)
                        : v instanceof int[] i ? Arrays.toString(i)
                        : v instanceof float[] f ? Arrays.toString(f)
                        : v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
                if (text == null) {
                    return null;
                }
                sb.append(a.getKey()).append('=').append(text).append(';');
            }
            return new NodeKey(op, new ArrayList<>(inputs), sb.toString());
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NodeKey k) || !op.equals(k.op) || !attrs.equals(k.attrs)
                    || inputs.size() != k.inputs.size()) {
                return false;
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i) != k.inputs.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = op.hashCode() * 31 + attrs.hashCode();
            for (Value v : inputs) {
                h = h * 31 + System.identityHashCode(v);
            }
            return h;
        }
    }

    /** A node being put together: inputs, attributes, then {@link #out()} or {@link #outs(int)}. */
    final class Op {
        private final String type;
        private final List<Value> inputs = new ArrayList<>();
        private final Map<String, Object> attrs = new LinkedHashMap<>();

        private Op(String type) {
            this.type = type;
        }

        /** Appends inputs; null is an omitted optional input. */
        Op in(Value... values) {
            Collections.addAll(inputs, values);
            return this;
        }

        Op attr(String name, Object value) {
            attrs.put(name, value);
            return this;
        }

        Value out() {
            return outs(1).get(0);
        }

        List<Value> outs(int count) {
            if (tracedOp != null) {
                trace.get(tracedOp).add(type);
            }
            int last = inputs.size();
            while (last > 0 && inputs.get(last - 1) == null) {
                last--;
            }
            NodeKey key = NodeKey.of(type, inputs.subList(0, last), attrs);
            List<Value> same = key == null ? null : made.get(key);
            if (same != null && same.size() == count) {
                return same;
            }
            List<String> hints = Collections.nCopies(count, nodeName);
            Node n = graph.addNode(type, nodeName, inputs.subList(0, last), hints);
            attrs.forEach(n::set);
            evaluate(n);
            List<Value> outs = List.copyOf(n.outputs());
            if (key != null) {
                made.put(key, outs);
            }
            return outs;
        }

        private void evaluate(Node n) {
            List<Tensor> folded = ConstantEvaluator.evaluate(n);
            if (folded != null) {
                List<Value> outputs = List.copyOf(n.outputs());
                graph.removeNode(n);
                for (int i = 0; i < outputs.size(); i++) {
                    outputs.get(i).setConstant(folded.get(i));
                }
                return;
            }
            ShapeRule rule = ShapeRules.get(n.op());
            if (rule != null && n.inputs().stream().allMatch(v -> v == null || v.shape() != null)) {
                rule.infer(n);
            }
        }
    }
}

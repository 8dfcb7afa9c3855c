package dev.pnnxj.ir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model as a dataflow graph of {@link Node}s over {@link Value}s. Value names are unique; node
 * order is kept topological by {@link #sortTopologically()} after rewrites.
 */
public final class Graph {
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Value> values = new HashMap<>();
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Map<String, Integer> opsets = new LinkedHashMap<>();
    private final Set<String> nodeNames = new HashSet<>();
    private int counter;
    private boolean frozen;

    /** Operator-set version per domain ("" is the default ONNX domain); read-only while frozen. */
    public Map<String, Integer> opsets() {
        return frozen ? Collections.unmodifiableMap(opsets) : opsets;
    }

    /**
     * Makes the graph read-only until {@link #thaw()}: every mutation of it, of its nodes or of its
     * values throws an IllegalStateException naming the caller. Lowering runs on a frozen graph, so
     * an emitter that rewrote the IR would fail the conversion instead of changing the model behind
     * the network's back.
     */
    public void freeze() {
        frozen = true;
    }

    /** Makes the graph writable again after {@link #freeze()}. */
    public void thaw() {
        frozen = false;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Throws when the graph is frozen, naming the first caller outside the IR package. */
    void checkMutable(String what) {
        if (frozen) {
            String caller = StackWalker.getInstance().walk(frames -> frames
                    .filter(f -> !f.getClassName().startsWith(Graph.class.getPackageName() + "."))
                    .findFirst().map(StackWalker.StackFrame::toString).orElse("?"));
            throw new IllegalStateException(what + " on a frozen graph (lowering reads the graph, never writes it),"
                    + " called by " + caller);
        }
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public Value value(String name) {
        return values.get(name);
    }

    /** A new value whose name is {@code hint}, or {@code hint} made unique. */
    public Value newValue(String hint) {
        return newValue(hint, null, null);
    }

    public Value newValue(String hint, DType dtype, Shape shape) {
        checkMutable("Graph.newValue");
        String name = hint;
        while (name == null || name.isEmpty() || values.containsKey(name)) {
            name = (hint == null || hint.isEmpty() ? "v" : hint) + "_" + (counter++);
        }
        Value v = new Value(name, dtype, shape);
        v.graph = this;
        values.put(name, v);
        return v;
    }

    public Value addInput(String name, DType dtype, Shape shape) {
        Value v = newValue(name, dtype, shape);
        inputs.add(v);
        return v;
    }

    public void addOutput(Value v) {
        checkMutable("Graph.addOutput");
        outputs.add(v);
    }

    /** Drops a graph input that nothing reads any more (it became a constant, say). */
    public void removeInput(Value v) {
        checkMutable("Graph.removeInput");
        inputs.remove(v);
    }

    public Value constant(String hint, Tensor t) {
        Value v = newValue(hint);
        v.setConstant(t);
        return v;
    }

    /** Appends a node producing fresh values named after {@code outputHints}. */
    public Node addNode(String op, String name, List<Value> in, List<String> outputHints) {
        checkMutable("Graph.addNode");
        Node n = new Node(op, uniqueNodeName(name == null || name.isEmpty() ? op : name));
        n.graph = this;
        for (Value v : in) {
            n.addInput(v);
        }
        for (String hint : outputHints) {
            n.addOutput(newValue(hint));
        }
        nodes.add(n);
        return n;
    }

    /** Appends {@code Reshape(x, to)}, its shape an int64 constant, and returns its output (same dtype as x). */
    public Value addReshape(String name, Value x, Shape to) {
        Node r = addNode("Reshape", name, List.of(x, shapeConstant(name + "_shape", to)), List.of(name));
        r.output(0).setShape(to);
        r.output(0).setDtype(x.dtype());
        return r.output(0);
    }

    /** An int64 1-D constant holding the dims of {@code s}, as Reshape and Expand read them. */
    public Value shapeConstant(String hint, Shape s) {
        long[] d = new long[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return constant(hint, Tensor.ofLongs(Shape.of(d.length), d));
    }

    /** Appends a node whose outputs are existing, unproduced values (as a front end creates them). */
    public Node addNodeWithOutputs(String op, String name, List<Value> in, List<Value> out) {
        checkMutable("Graph.addNodeWithOutputs");
        Node n = new Node(op, uniqueNodeName(name == null || name.isEmpty() ? op : name));
        n.graph = this;
        for (Value v : in) {
            n.addInput(v);
        }
        for (Value v : out) {
            n.addOutput(v);
        }
        nodes.add(n);
        return n;
    }

    private String uniqueNodeName(String base) {
        String name = base;
        while (!nodeNames.add(name)) {
            name = base + "_" + (counter++);
        }
        return name;
    }

    /** Removes a node; its outputs lose their producer and should have no users left. */
    public void removeNode(Node n) {
        checkMutable("Graph.removeNode");
        n.detach();
        n.graph = null;
        nodes.remove(n);
        nodeNames.remove(n.name());
    }

    /** Whether n is one of this graph's nodes (false once it has been removed). */
    public boolean contains(Node n) {
        return n.graph == this;
    }

    /** Makes every reader of {@code from} (graph outputs included) read {@code to} instead. */
    public void replaceAllUses(Value from, Value to) {
        checkMutable("Graph.replaceAllUses");
        if (from == to) {
            return;
        }
        for (Node u : new ArrayList<>(from.users)) {
            for (int i = 0; i < u.inputs().size(); i++) {
                if (u.input(i) == from) {
                    u.setInput(i, to);
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == from) {
                outputs.set(i, to);
            }
        }
    }

    public boolean isOutput(Value v) {
        return outputs.contains(v);
    }

    /** Removes nodes none of whose outputs reach a graph output. Returns whether any were removed. */
    public boolean removeDeadNodes() {
        checkMutable("Graph.removeDeadNodes");
        Set<Node> live = new HashSet<>();
        Deque<Value> work = new ArrayDeque<>(outputs);
        while (!work.isEmpty()) {
            Value v = work.pop();
            Node p = v.producer();
            if (p != null && live.add(p)) {
                for (Value in : p.inputs()) {
                    if (in != null) {
                        work.push(in);
                    }
                }
            }
        }
        boolean changed = false;
        for (Node n : new ArrayList<>(nodes)) {
            if (!live.contains(n)) {
                removeNode(n);
                changed = true;
            }
        }
        values.values().removeIf(v -> v.producer() == null && v.users.isEmpty() && !inputs.contains(v)
                && !outputs.contains(v));
        return changed;
    }

    /** Reorders nodes so every node follows the producers of its inputs (stable for sorted graphs). */
    public void sortTopologically() {
        checkMutable("Graph.sortTopologically");
        Map<Node, Integer> pending = new HashMap<>();
        Map<Node, List<Node>> next = new HashMap<>();
        for (Node n : nodes) {
            int deps = 0;
            for (Value in : n.inputs()) {
                if (in != null && in.producer() != null) {
                    deps++;
                    next.computeIfAbsent(in.producer(), k -> new ArrayList<>()).add(n);
                }
            }
            pending.put(n, deps);
        }
        List<Node> order = new ArrayList<>(nodes.size());
        Deque<Node> ready = new ArrayDeque<>();
        for (Node n : nodes) {
            if (pending.get(n) == 0) {
                ready.add(n);
            }
        }
        // Kahn's algorithm, taking ready nodes in their current order to keep the output stable
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (Node m : next.getOrDefault(n, List.of())) {
                if (pending.merge(m, -1, Integer::sum) == 0) {
                    ready.add(m);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("graph has a cycle");
        }
        nodes.clear();
        nodes.addAll(order);
    }
}

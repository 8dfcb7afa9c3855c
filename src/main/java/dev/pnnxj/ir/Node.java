package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation. Op types and attribute names are the ONNX operator set's (the latest signature,
 * with older forms upgraded by the ONNX reader), plus a few fused ops of pnnx-j's own documented
 * in docs/ir.md; every front end produces these. Inputs may contain null for an omitted optional
 * input.
 */
public final class Node {
    private final String op;
    private final String name;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final Map<String, Object> attrs = new LinkedHashMap<>();
    Graph graph;

    Node(String op, String name) {
        this.op = op;
        this.name = name;
    }

    public String op() {
        return op;
    }

    public String name() {
        return name;
    }

    public List<Value> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<Value> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** Input i, or null when absent or omitted. */
    public Value input(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    public Value output(int i) {
        return outputs.get(i);
    }

    public void setInput(int i, Value v) {
        checkMutable("Node.setInput");
        while (inputs.size() <= i) {
            inputs.add(null);
        }
        Value old = inputs.get(i);
        if (old != null) {
            old.users.remove(this);
        }
        inputs.set(i, v);
        if (v != null) {
            v.users.add(this);
        }
    }

    public void addInput(Value v) {
        setInput(inputs.size(), v);
    }

    /** Drops trailing inputs from index {@code size} on. */
    public void truncateInputs(int size) {
        checkMutable("Node.truncateInputs");
        while (inputs.size() > size) {
            setInput(inputs.size() - 1, null);
            inputs.remove(inputs.size() - 1);
        }
    }

    void addOutput(Value v) {
        if (v.producer != null) {
            throw new IllegalStateException("value " + v.name() + " already produced by " + v.producer.name());
        }
        v.producer = this;
        outputs.add(v);
    }

    /** Makes this node produce {@code v}, an unproduced value, in place of its output i (left unproduced). */
    public void setOutput(int i, Value v) {
        checkMutable("Node.setOutput");
        if (v.producer != null) {
            throw new IllegalStateException("value " + v.name() + " already produced by " + v.producer.name());
        }
        outputs.get(i).producer = null;
        v.producer = this;
        outputs.set(i, v);
    }

    void detach() {
        for (Value v : inputs) {
            if (v != null) {
                v.users.remove(this);
            }
        }
        for (Value v : outputs) {
            if (v.producer == this) {
                v.producer = null;
            }
        }
    }

    /** The attributes; read-only while the graph is frozen. */
    public Map<String, Object> attrs() {
        return graph != null && graph.isFrozen() ? Collections.unmodifiableMap(attrs) : attrs;
    }

    public boolean has(String attr) {
        return attrs.containsKey(attr);
    }

    public Node set(String attr, Object value) {
        checkMutable("Node.set");
        attrs.put(attr, normalize(value));
        return this;
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Double d) {
            return (float) (double) d;
        }
        if (v instanceof int[] a) {
            long[] l = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                l[i] = a[i];
            }
            return l;
        }
        return v;
    }

    public long getInt(String attr, long dflt) {
        Object v = attrs.get(attr);
        return v == null ? dflt : (Long) v;
    }

    public float getFloat(String attr, float dflt) {
        Object v = attrs.get(attr);
        return v == null ? dflt : (Float) v;
    }

    public String getString(String attr, String dflt) {
        Object v = attrs.get(attr);
        return v == null ? dflt : (String) v;
    }

    /** An INTS attribute, or null when absent. */
    public long[] getInts(String attr) {
        return (long[]) attrs.get(attr);
    }

    public float[] getFloats(String attr) {
        return (float[]) attrs.get(attr);
    }

    public Tensor getTensor(String attr) {
        return (Tensor) attrs.get(attr);
    }

    private void checkMutable(String what) {
        if (graph != null) {
            graph.checkMutable(what);
        }
    }

    public Graph graph() {
        return graph;
    }

    @Override
    public String toString() {
        return op + " '" + name + "'";
    }
}

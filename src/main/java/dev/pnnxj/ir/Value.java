package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tensor flowing through the graph: a graph input, a node output, or a constant. Its users are
 * kept up to date by {@link Node}, so passes can ask "who reads this?" without a scan.
 */
public final class Value {
    private final String name;
    private DType dtype;
    private Shape shape;
    private Tensor constant;
    /** The graph that made the value, whose freeze makes it read-only (null for a parsed stand-alone value). */
    Graph graph;
    Node producer;
    final List<Node> users = new ArrayList<>();

    Value(String name, DType dtype, Shape shape) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
    }

    public String name() {
        return name;
    }

    /** Element type, or null when not yet inferred. */
    public DType dtype() {
        return dtype;
    }

    public void setDtype(DType dtype) {
        checkMutable("Value.setDtype");
        this.dtype = dtype;
    }

    /** Shape, or null when not yet inferred. */
    public Shape shape() {
        return shape;
    }

    public void setShape(Shape shape) {
        checkMutable("Value.setShape");
        this.shape = shape;
    }

    /** The constant data when this value is known at conversion time, else null. */
    public Tensor constant() {
        return constant;
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** Makes this value a constant; its type and shape follow the tensor. */
    public void setConstant(Tensor t) {
        checkMutable("Value.setConstant");
        this.constant = t;
        if (t != null) {
            this.dtype = t.dtype();
            this.shape = t.shape();
        }
    }

    /** The node that computes this value, or null for graph inputs and constants. */
    public Node producer() {
        return producer;
    }

    /** Nodes reading this value (a node reading it twice appears twice). */
    public List<Node> users() {
        return Collections.unmodifiableList(users);
    }

    private void checkMutable(String what) {
        if (graph != null) {
            graph.checkMutable(what);
        }
    }

    @Override
    public String toString() {
        return name + ":" + (dtype == null ? "?" : dtype) + (shape == null ? "[?]" : shape);
    }
}

package dev.pnnxj.ir;

import java.util.List;

/**
 * A branch of a control-flow node (ONNX If's then_branch / else_branch), held unread until a pass
 * knows it runs: {@link #inline} then adds its nodes to the graph. The values it reads from the
 * enclosing graph are the node's inputs after its condition, in {@link #captured} order, so that
 * passes rewiring those inputs are seen.
 */
public interface Subgraph {
    /** Names of the enclosing graph's values the branch reads, in the order the node takes them. */
    List<String> captured();

    /** Adds the branch's nodes to g, reading {@code captured} for the enclosing values; returns its outputs. */
    List<Value> inline(Graph g, List<Value> captured);
}

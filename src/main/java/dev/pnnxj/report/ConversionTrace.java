package dev.pnnxj.report;

import dev.pnnxj.convert.Converter;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a report needs from a conversion's graphs: the source nodes of every optimised IR
 * node, which IR node computes each tensor, and the optimised graph itself in outline (what a
 * failed conversion's report draws). Keeps names only, so the graphs can be freed.
 */
public class ConversionTrace implements Converter.Trace {
    /** One optimised IR node in outline: its inputs and outputs by tensor name (null for an omitted input). */
    record IrNode(String name, String op, List<String> inputs, List<String> outputs) {
    }

    private Provenance provenance;
    private final Map<String, Provenance.Origin> origins = new HashMap<>();
    private final Map<String, String> producers = new HashMap<>();
    private final Map<String, List<Integer>> shapes = new HashMap<>();
    private final List<IrNode> irNodes = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();

    @Override
    public void read(Graph g) {
        provenance = Provenance.of(g);
    }

    @Override
    public void optimized(Graph g) {
        if (provenance != null) {
            origins.putAll(provenance.originsOf(g));
            provenance = null;
        }
        for (Node n : g.nodes()) {
            List<String> in = new ArrayList<>();
            for (Value v : n.inputs()) {
                in.add(v == null ? null : v.name());
                remember(v);
            }
            List<String> out = new ArrayList<>();
            for (Value v : n.outputs()) {
                out.add(v.name());
                producers.put(v.name(), n.name());
                remember(v);
            }
            irNodes.add(new IrNode(n.name(), n.op(), in, out));
        }
        for (Value v : g.inputs()) {
            inputs.add(v.name());
            remember(v);
        }
    }

    private void remember(Value v) {
        if (v != null && v.shape() != null && v.shape().isKnown()) {
            List<Integer> dims = new ArrayList<>();
            for (int d : v.shape().dims()) {
                dims.add(d);
            }
            shapes.put(v.name(), dims);
        }
    }

    /** The front-end nodes an optimised IR node stands for (empty when unknown). */
    List<SourceNode> sources(String irNode) {
        Provenance.Origin o = irNode == null ? null : origins.get(irNode);
        return o == null ? List.of() : o.sources();
    }

    /** The optimised node holding the front-end outputs of an IR node's fusion (itself when unknown). */
    String anchor(String irNode) {
        Provenance.Origin o = irNode == null ? null : origins.get(irNode);
        return o == null ? irNode : o.anchor();
    }

    /** The optimised IR node computing a tensor, or null. */
    String producer(String tensor) {
        return producers.get(tensor);
    }

    /** A tensor's IR shape (batch included), or null when unknown. */
    List<Integer> shape(String tensor) {
        return shapes.get(tensor);
    }

    /** The optimised graph in outline, empty when the conversion stopped before the passes ended. */
    List<IrNode> irNodes() {
        return irNodes;
    }

    /** The optimised graph's input tensors. */
    List<String> inputs() {
        return inputs;
    }
}

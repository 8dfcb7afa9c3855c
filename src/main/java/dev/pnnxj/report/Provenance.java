package dev.pnnxj.report;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which front-end nodes each optimised IR node stands for. Passes keep the {@link Value} objects a
 * fused op takes over (its inputs and the root's outputs), so a node of the optimised graph covers
 * the front-end nodes between its inputs and its outputs whose values no longer exist: the ops a
 * fusion absorbed, the Shape/Gather glue constant folding removed, Identity nodes dropped. Works
 * for every pass without them recording anything.
 */
public final class Provenance {
    /** More source nodes than this for one layer are left out: a report is for reading. */
    static final int MAX_SOURCES = 200;

    private record Original(int index, SourceNode node, List<Value> inputs, List<Value> outputs) {
    }

    private final Map<Value, Original> producers = new HashMap<>();
    private final Map<String, Original> byName = new HashMap<>();

    private Provenance() {
    }

    /** Snapshots the graph as the front end built it, before any pass changes it. */
    public static Provenance of(Graph g) {
        Provenance p = new Provenance();
        for (Node n : g.nodes()) {
            Original o = new Original(p.byName.size(), new SourceNode(n.name(), n.op()), new ArrayList<>(n.inputs()),
                    new ArrayList<>(n.outputs()));
            p.byName.put(n.name(), o);
            for (Value v : n.outputs()) {
                p.producers.put(v, o);
            }
        }
        return p;
    }

    /**
     * Where an optimised node came from: {@code anchor} is the optimised node holding the
     * front-end outputs of its fusion (itself, unless a pass made it with fresh outputs on the way
     * to such a node, as the Transposes around a LayerNorm2d), {@code sources} the front-end nodes
     * that anchor covers.
     */
    public record Origin(String anchor, List<SourceNode> sources) {
    }

    /** A pass's fresh values are followed this many nodes forward to find their anchor. */
    private static final int MAX_HOPS = 16;

    /** Optimised node name → its origin, in graph order of the optimised nodes. */
    public Map<String, Origin> originsOf(Graph optimized) {
        Set<Value> live = new HashSet<>(optimized.inputs());
        live.addAll(optimized.outputs());
        for (Node n : optimized.nodes()) {
            live.addAll(n.inputs());
            live.addAll(n.outputs());
        }
        live.remove(null);
        Map<String, Origin> out = new LinkedHashMap<>();
        for (Node n : optimized.nodes()) {
            Node anchor = anchor(n);
            out.put(n.name(), new Origin(anchor.name(), covered(anchor, live)));
        }
        return out;
    }

    /** The node itself when it computes a front-end value, else the first such node its fresh outputs lead to. */
    private Node anchor(Node n) {
        Deque<Node> todo = new ArrayDeque<>(List.of(n));
        Set<Node> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_HOPS) {
            Node m = todo.poll();
            if (!seen.add(m)) {
                continue;
            }
            if (m.outputs().stream().anyMatch(producers::containsKey)) {
                return m;
            }
            for (Value v : m.outputs()) {
                todo.addAll(v.users());
            }
        }
        return n;
    }

    private List<SourceNode> covered(Node n, Set<Value> live) {
        Deque<Original> todo = new ArrayDeque<>();
        for (Value v : n.outputs()) {
            Original o = producers.get(v);
            if (o != null) {
                todo.add(o);
            }
        }
        if (todo.isEmpty() && byName.containsKey(n.name())) {
            // a rewrite that made fresh outputs but kept the node's name
            todo.add(byName.get(n.name()));
        }
        Set<Original> seen = new LinkedHashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_SOURCES) {
            Original o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            for (Value in : o.inputs()) {
                Original p = in == null || live.contains(in) ? null : producers.get(in);
                if (p != null) {
                    todo.push(p);
                }
            }
        }
        List<Original> found = new ArrayList<>(seen);
        found.sort(java.util.Comparator.comparingInt(Original::index));
        List<SourceNode> nodes = new ArrayList<>();
        found.forEach(o -> nodes.add(o.node()));
        return nodes;
    }
}

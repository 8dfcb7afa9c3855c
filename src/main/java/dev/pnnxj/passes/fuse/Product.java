package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A product c * f1 * f2 * ... read off a tree of Mul nodes, divisions by constants and integer
 * powers, however the exporter associated and ordered it. Interior nodes join the tree only when
 * their output has no other reader, so a fusion that absorbs {@link #nodes()} loses nothing.
 */
final class Product {
    private final List<Value> factors = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private double scale = 1;

    private Product() {
    }

    /** The product computed by {@code root}, or null when root is no Mul, Div by a constant or Pow. */
    static Product of(Graph g, Node root) {
        Product p = new Product();
        return p.expand(g, root) ? p : null;
    }

    /** The product that computes v (a lone factor when v's producer is no product node). */
    static Product ofValue(Graph g, Value v, Node reader) {
        Product p = new Product();
        p.visit(g, v, reader);
        return p;
    }

    /** The non-constant factors, each repeated as often as it is multiplied in. */
    List<Value> factors() {
        return factors;
    }

    /** The nodes of the tree, root first. */
    List<Node> nodes() {
        return nodes;
    }

    /** The product of the constant factors. */
    double scale() {
        return scale;
    }

    /** Whether the constant factor is within a relative 1e-6 of {@code expected}. */
    boolean scaleIs(double expected) {
        return Math.abs(scale - expected) <= 1e-6 * Math.abs(expected);
    }

    /** The factors other than {@code x} when x occurs exactly {@code times} times, else null. */
    List<Value> without(Value x, int times) {
        List<Value> rest = new ArrayList<>(factors);
        for (int i = 0; i < times; i++) {
            if (!rest.remove(x)) {
                return null;
            }
        }
        return rest.contains(x) ? null : rest;
    }

    private boolean expand(Graph g, Node n) {
        switch (n.op()) {
            case "Mul" -> {
                nodes.add(n);
                visit(g, n.input(0), n);
                visit(g, n.input(1), n);
            }
            case "Div" -> {
                Double d = Rewrite.scalar(n.input(1));
                if (d == null || d == 0) {
                    return false;
                }
                nodes.add(n);
                scale /= d;
                visit(g, n.input(0), n);
            }
            case "Pow" -> {
                Double e = Rewrite.scalar(n.input(1));
                if (e == null || e != Math.rint(e) || e < 1 || e > 4 || n.input(0).isConstant()) {
                    return false;
                }
                nodes.add(n);
                for (int i = 0; i < e; i++) {
                    factors.add(n.input(0));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void visit(Graph g, Value v, Node reader) {
        Double c = Rewrite.scalar(v);
        if (c != null) {
            scale *= c;
            return;
        }
        Node p = v.producer();
        if (p == null || !Rewrite.soleReader(g, v, reader) || !expand(g, p)) {
            factors.add(v);
        }
    }
}

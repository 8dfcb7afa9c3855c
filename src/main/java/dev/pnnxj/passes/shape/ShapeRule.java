package dev.pnnxj.passes.shape;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;

/**
 * Sets the dtype and shape of a node's outputs from its inputs. It is only called when every
 * present input has a shape; it leaves outputs untouched when a parameter input it needs is not
 * a constant, and throws {@link IllegalArgumentException} for inconsistent shapes or attributes.
 */
@FunctionalInterface
public interface ShapeRule {
    void infer(Node n);

    /** Sets output {@code i} when the node has it (optional outputs may be absent). */
    static void set(Node n, int i, DType dtype, Shape shape) {
        if (i < n.outputs().size()) {
            Value v = n.output(i);
            v.setDtype(dtype);
            v.setShape(shape);
        }
    }
}

package dev.pnnxj.passes;

import dev.pnnxj.ConversionException;
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
import java.util.List;
import java.util.Objects;

/**
 * Folds constant subgraphs and infers every other value's dtype and shape, in one topological
 * walk: a node whose outputs {@link ConstantEvaluator} can compute becomes constants (and is
 * removed); any other node gets its output shapes from its {@link ShapeRules} rule. Because the
 * two interleave, shape arithmetic such as Shape→Gather→Unsqueeze→Concat feeding a Reshape folds
 * into a constant target. Graph inputs are never folded.
 */
public final class FoldConstants implements Pass {

    @Override
    public boolean run(Graph g) {
        g.sortTopologically();
        boolean changed = false;
        for (Node n : new ArrayList<>(g.nodes())) {
            try {
                changed |= fold(g, n) || inferShapes(n);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ConversionException(n + ": " + e.getMessage(), e);
            }
        }
        return changed;
    }

    private static boolean fold(Graph g, Node n) {
        List<Tensor> out = ConstantEvaluator.evaluate(n);
        if (out == null) {
            return false;
        }
        List<Value> outputs = List.copyOf(n.outputs());
        g.removeNode(n);
        for (int i = 0; i < outputs.size(); i++) {
            outputs.get(i).setConstant(out.get(i));
        }
        return true;
    }

    /** Runs the node's rule when every present input has a shape; returns whether an output changed. */
    private static boolean inferShapes(Node n) {
        ShapeRule rule = ShapeRules.get(n.op());
        if (rule == null) {
            return false;
        }
        for (Value v : n.inputs()) {
            if (v != null && v.shape() == null) {
                return false;
            }
        }
        List<DType> dtypes = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (Value v : n.outputs()) {
            dtypes.add(v.dtype());
            shapes.add(v.shape());
        }
        rule.infer(n);
        boolean changed = false;
        for (int i = 0; i < dtypes.size(); i++) {
            Value v = n.output(i);
            if (v.dtype() == null) {
                v.setDtype(dtypes.get(i));
            }
            v.setShape(keepKnownDims(v.shape(), shapes.get(i)));
            changed |= v.dtype() != dtypes.get(i) || !Objects.equals(v.shape(), shapes.get(i));
        }
        return changed;
    }

    /**
     * The inferred shape, with dims it leaves unknown taken from the shape the value had before
     * (recorded by the front end, say) when the ranks agree.
     */
    private static Shape keepKnownDims(Shape inferred, Shape before) {
        if (inferred == null || before == null || inferred.rank() != before.rank()) {
            return inferred == null ? before : inferred;
        }
        int[] d = inferred.dims();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == Shape.UNKNOWN) {
                d[i] = before.dim(i);
            }
        }
        return Shape.of(d);
    }
}

package dev.pnnxj.passes.fuse;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.Pass;
import java.util.List;

/**
 * A small graph written op by op, as an exporter would spell a pattern, with shapes left to
 * {@link FoldConstants}; {@link #param} runs a pass on it and gives the ncnn .param text.
 */
final class PatternGraph {
    final Graph g = new Graph();
    final Value x;

    PatternGraph(int... inputShape) {
        x = g.addInput("x", DType.FLOAT32, Shape.of(inputShape));
    }

    /** A one-output node of the given type; returns its output. */
    Value op(String type, Value... in) {
        return node(type, in).output(0);
    }

    Node node(String type, Value... in) {
        return g.addNode(type, null, List.of(in), List.of(type.toLowerCase()));
    }

    Value c(float v) {
        return g.constant("c", Tensor.ofFloats(Shape.SCALAR, v));
    }

    Value floats(Shape shape, float... v) {
        return g.constant("w", Tensor.ofFloats(shape, v));
    }

    Value longs(long... v) {
        return g.constant("axes", Tensor.ofLongs(Shape.of(v.length), v));
    }

    /** Marks y as the graph output, infers shapes, runs the pass and lowers the graph. */
    String param(Value y, Pass pass) {
        g.addOutput(y);
        new FoldConstants().run(g);
        pass.run(g);
        new EliminateDeadNodes().run(g);
        new FoldConstants().run(g);
        return ParamWriter.toString(LowerToNcnn.lower(g));
    }
}

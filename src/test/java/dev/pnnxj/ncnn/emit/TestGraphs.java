package dev.pnnxj.ncnn.emit;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import java.util.List;

/** Builds tiny shape-annotated graphs for emitter tests. */
final class TestGraphs {
    private TestGraphs() {
    }

    /** Appends a one-output node whose output gets the given shape (float32). */
    static Node node(Graph g, String op, Shape out, Value... in) {
        Node n = g.addNode(op, null, java.util.Arrays.asList(in), List.of(op.toLowerCase()));
        n.output(0).setShape(out);
        n.output(0).setDtype(DType.FLOAT32);
        return n;
    }

    /** Float tensor 0, 1, 2, ... of the given shape. */
    static Tensor ramp(int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[Math.toIntExact(s.numel())];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.ofFloats(s, v);
    }

    static Value input(Graph g, int... dims) {
        return g.addInput("x", DType.FLOAT32, Shape.of(dims));
    }

    /** Marks the node's first output as the graph output and lowers the graph. */
    static NcnnModel lower(Graph g, Node last) {
        g.addOutput(last.output(0));
        return LowerToNcnn.lower(g);
    }

    static String param(NcnnModel m) {
        return ParamWriter.toString(m);
    }
}

package dev.pnnxj.ncnn.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.BinWriter;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.NcnnExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds one-op graphs with shapes set by hand, and lowers them. */
final class TinyGraph {
    final Graph g = new Graph();

    Value input(String name, int... dims) {
        return g.addInput(name, DType.FLOAT32, Shape.of(dims));
    }

    Value floats(String name, Shape shape, float... values) {
        return g.constant(name, Tensor.ofFloats(shape, values));
    }

    Value longs(String name, long... values) {
        return g.constant(name, Tensor.ofLongs(Shape.of(values.length), values));
    }

    /** A node whose outputs get the given shapes and become graph outputs. */
    Node op(String op, List<Value> inputs, int[]... outShapes) {
        Node n = inner(op, inputs, outShapes);
        for (Value v : n.outputs()) {
            g.addOutput(v);
        }
        return n;
    }

    /** A node whose outputs get the given shapes. */
    Node inner(String op, List<Value> inputs, int[]... outShapes) {
        List<String> hints = new java.util.ArrayList<>();
        for (int i = 0; i < outShapes.length; i++) {
            hints.add(op.toLowerCase() + "_out" + i);
        }
        Node n = g.addNode(op, null, inputs, hints);
        for (int i = 0; i < outShapes.length; i++) {
            n.output(i).setShape(Shape.of(outShapes[i]));
            n.output(i).setDtype(DType.FLOAT32);
        }
        return n;
    }

    String param() {
        return ParamWriter.toString(LowerToNcnn.lower(g));
    }

    /** Lowers the graph and runs it in the reference executor on in0, in1, ...; returns out0. */
    Mat run(Mat... inputs) {
        NcnnModel model = LowerToNcnn.lower(g);
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        try {
            BinWriter.write(model, bin, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NcnnExecutor ex = NcnnExecutor.load(ParamWriter.toString(model), "tiny.param",
                ByteBuffer.wrap(bin.toByteArray()).order(ByteOrder.LITTLE_ENDIAN), "tiny.bin");
        Map<String, Mat> feed = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            feed.put("in" + i, inputs[i]);
        }
        return ex.run(feed, List.of("out0")).get("out0");
    }

    /** The single reason the lowering gives for refusing the graph. */
    String refusal() {
        List<String> reasons = refusals();
        assertEquals(1, reasons.size(), reasons.toString());
        return reasons.get(0);
    }

    /** Every reason the lowering gives for refusing the graph, in node order. */
    List<String> refusals() {
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> LowerToNcnn.lower(g));
        return e.problems().stream().map(UnsupportedNodesException.Problem::reason).toList();
    }

    static int[] s(int... dims) {
        return dims;
    }
}

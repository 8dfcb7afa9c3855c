package dev.pnnxj.ncnn;

import dev.pnnxj.ir.BatchAxis;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a batched part of the graph to one sample before it is lowered. ncnn carries the batch
 * as {@code Mat::n} and runs each layer once per sample, so the layers must be those of batch 1:
 * every activation of a {@link BatchAxis.Layout#BATCHED} part whose axis 0 is the batch gets axis 0
 * of 1, and a constant that broadcasts along that batch (the same values for every sample, as
 * folded shape glue such as {@code ConstantOfShape([N,..])} leaves) keeps one sample's slice.
 *
 * <pre>
 *   y[N,C,..] = Op(x[N,C,..], k[N,C,..] equal rows)   ⇒   y[1,C,..] = Op(x[1,C,..], k[1,C,..])
 * </pre>
 *
 * A constant that differs per sample is left alone; lowering refuses it by name, since no single
 * layer can apply it to every sample.
 */
final class OneSample {
    private OneSample() {
    }

    static void rewrite(Graph g, BatchAxis batch) {
        List<Value> activations = new ArrayList<>(g.inputs());
        for (Node n : g.nodes()) {
            activations.addAll(n.outputs());
        }
        for (Value v : activations) {
            if (batch.layout(v) == BatchAxis.Layout.BATCHED && batch.batch(v) > 1 && v.shape() != null
                    && v.shape().rank() > 0 && v.shape().dim(0) == batch.batch(v)) {
                v.setShape(firstAxisOne(v.shape()));
            }
        }
        for (Node n : g.nodes()) {
            Value out = n.outputs().isEmpty() ? null : n.output(0);
            if (out == null || batch.layout(out) != BatchAxis.Layout.BATCHED || out.shape() == null) {
                continue;
            }
            for (int i = 0; i < n.inputs().size(); i++) {
                Value k = n.input(i);
                int samples = batch.batch(out);
                if (k != null && k.isConstant() && samples > 1 && k.shape().rank() == out.shape().rank()
                        && k.shape().rank() > 0 && k.shape().dim(0) == samples) {
                    Tensor one = oneSample(k.constant(), samples);
                    if (one != null) {
                        n.setInput(i, g.constant(k.name() + "_sample", one));
                    }
                }
            }
        }
    }

    private static Shape firstAxisOne(Shape s) {
        int[] d = s.dims();
        d[0] = 1;
        return Shape.of(d);
    }

    /** The constant's first sample when every sample along axis 0 holds the same bytes, else null. */
    private static Tensor oneSample(Tensor t, int samples) {
        ByteBuffer all = t.bytes();
        int per = all.remaining() / samples;
        ByteBuffer first = all.duplicate().limit(all.position() + per).slice();
        for (int b = 1; b < samples; b++) {
            int at = all.position() + b * per;
            if (!first.equals(all.duplicate().position(at).limit(at + per).slice())) {
                return null;
            }
        }
        return Tensor.of(t.dtype(), firstAxisOne(t.shape()), first);
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormEmitterTest {
    @Test
    void opset17LayerNormOverTheLastTwoAxesWritesGammaThenBetaAsRawFloats() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 2, 3);
        Node ln = t.op("LayerNormalization", List.of(x, t.floats("gamma", Shape.of(2, 3), 1, 2, 3, 4, 5, 6),
                t.floats("beta", Shape.of(2, 3), 6, 5, 4, 3, 2, 1)), s(1, 4, 2, 3));
        ln.set("axis", -2).set("epsilon", 1e-3f);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2 2=4
                LayerNorm                layernorm_0              1 1 in0 out0 0=6 1=1.0e-03 2=1
                """, t.param());
        NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
        assertEquals(List.of("gamma", "beta"), l.weights.stream().map(Weight::name).toList());
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, l.weights.get(1).data().toFloats());
        assertFalse(l.weights.get(0).flagged() || l.weights.get(1).flagged());
    }

    @Test
    void normalisingAWhole3dBlobIsRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 4);
        Node ln = t.op("LayerNormalization", List.of(x, t.floats("gamma", Shape.of(2, 3, 4), new float[24])),
                s(1, 2, 3, 4));
        ln.set("axis", 1);
        assertEquals("normalises all 3 dims of [1,2,3,4]; ncnn LayerNorm leaves the outermost axis of a 2-D or "
                + "3-D blob apart", t.refusal());
    }
}

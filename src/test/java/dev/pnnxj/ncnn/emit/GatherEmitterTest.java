package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatherEmitterTest {
    private static Value tokens(TinyGraph t, int n) {
        return t.g.addInput("tokens", DType.INT64, Shape.of(1, n));
    }

    @Test
    void dataIndicesIntoAConstantTableAreAnEmbed() {
        TinyGraph t = new TinyGraph();
        Value table = t.floats("table", Shape.of(3, 2), 0, 1, 10, 11, 20, 21);
        t.op("Gather", List.of(table, tokens(t, 4)), s(1, 4, 2)).set("axis", 0);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                Embed                    embed_0                  1 1 in0 out0 0=2 1=3 2=0 3=6
                """, t.param());
        // int32 indices as ncnn holds them; ncnn clamps the out-of-range 7 to the last row
        float[] words = new float[4];
        int[] index = {2, 0, 7, 1};
        for (int i = 0; i < 4; i++) {
            words[i] = Float.intBitsToFloat(index[i]);
        }
        Mat out = t.run(Mat.of(new int[] {4}, words));
        assertArrayEquals(new float[] {20, 21, 0, 1, 20, 21, 10, 11}, out.data(), 0f);
    }

    @Test
    void dataIndicesIntoDataAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 2);
        t.op("Gather", List.of(x, tokens(t, 4)), s(1, 4, 2)).set("axis", 1);
        assertEquals("ncnn has no Gather layer: indices that depend on data can only pick rows of a constant [V,D]"
                + " table (ncnn Embed), and 'x' is not a constant", t.refusal());
    }

    @Test
    void gatherAlongTheTableColumnsIsRefused() {
        TinyGraph t = new TinyGraph();
        Value table = t.floats("table", Shape.of(3, 2), 0, 1, 10, 11, 20, 21);
        t.op("Gather", List.of(table, tokens(t, 4)), s(3, 1, 4)).set("axis", 1);
        assertEquals("ncnn Embed picks rows of a 2-D table; Gather along axis 1 of [3,2] has no ncnn layer",
                t.refusal());
    }
}

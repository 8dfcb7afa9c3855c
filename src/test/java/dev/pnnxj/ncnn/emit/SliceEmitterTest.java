package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceEmitterTest {
    @Test
    void splitSizesWithTheLastAsTheRest() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 6, 4);
        t.op("Split", List.of(x, t.longs("split", 2, 4)), s(1, 2, 4), s(1, 4, 4)).set("axis", 1);
        assertEquals("""
                7767517
                2 3
                Input                    input_0                  0 1 in0 0=4 1=6
                Slice                    slice_0                  1 2 in0 out0 out1 -23300=2,2,-233 1=0
                """, t.param());
    }

    @Test
    void withoutSplitInputTheOutputShapesGiveTheSizes() {
        // ONNX num_outputs=3 over 7 makes chunks of 3, 3, 1; ncnn's even split would make 2, 2, 3
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 7, 4);
        t.op("Split", List.of(x), s(1, 3, 4), s(1, 3, 4), s(1, 1, 4)).set("axis", 1).set("num_outputs", 3);
        assertEquals("-23300=3,3,3,-233 1=0", LowerToNcnn.lower(t.g).layers.get(1).params.toParamString());
    }

    @Test
    void negativeAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 6, 4);
        t.op("Split", List.of(x, t.longs("split", 1, 3)), s(1, 6, 1), s(1, 6, 3)).set("axis", -1);
        assertEquals("-23300=2,1,-233 1=1", LowerToNcnn.lower(t.g).layers.get(1).params.toParamString());
    }

    @Test
    void emptyPartsAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 6, 4);
        t.op("Split", List.of(x, t.longs("split", 1, 0)), s(1, 6, 4), s(0, 6, 4)).set("axis", 0);
        assertEquals("'split_out1' [0,6,4] is empty; an ncnn blob needs at least one element", t.refusal());
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.verify.Mat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CropEmitterTest {
    private static final long TO_END = Long.MAX_VALUE;

    @Test
    void channelRange() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Slice", List.of(x, t.longs("starts", 1), t.longs("ends", 3), t.longs("axes", 1)), s(1, 2, 6, 8));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Crop                     crop_0                   1 1 in0 out0 -23309=1,1 -23310=1,3 -23311=1,0
                """, t.param());
    }

    @Test
    void boundsAreResolvedAgainstKnownSizes() {
        assertEquals("-23309=1,4 -23310=1,8 -23311=1,2", crop(s(1, 4, 6, 8), s(1, 4, 6, 4), -4, TO_END, 3L));
        assertEquals("-23309=2,1,2 -23310=2,3,5 -23311=2,0,1",
                crop(s(1, 4, 6), s(1, 2, 3), new long[] {1, 2}, new long[] {3, -1}, 1L, 2L));
    }

    @Test
    void wholeAxesIncludingTheBatchAreDropped() {
        assertEquals("-23309=1,2 -23310=1,5 -23311=1,1",
                crop(s(1, 4, 6), s(1, 4, 3), new long[] {0, 2}, new long[] {1, 5}, 0L, 2L));
        // no axes input: starts/ends cover axes 0, 1, 2 in order
        assertEquals("-23309=1,1 -23310=1,5 -23311=1,1",
                crop(s(1, 4, 6), s(1, 4, 4), new long[] {0, 0, 1}, new long[] {1, 4, 5}));
    }

    @Test
    void unknownSizesKeepNcnnRelativeBounds() {
        assertEquals("-23309=1,1 -23310=1,-233 -23311=1,1", crop(s(1, 3, -1), s(1, 3, -1), 1, TO_END, 2L));
        assertEquals("-23309=1,0 -23310=1,-1 -23311=1,1", crop(s(1, 3, -1), s(1, 3, -1), 0, -1, 2L));
    }

    @Test
    void wholeSliceIsNothing() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Value c = t.inner("Slice", List.of(x, t.longs("starts", 0), t.longs("ends", TO_END)), s(1, 4)).output(0);
        t.op("Sin", List.of(c), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=9
                """, t.param());
    }

    @Test
    void stepTwoOnWidthViewsPairsAndKeepsOneColumnOfEach() {
        // Focus x[..., 1::2]: width 8 -> 4 columns 1,3,5,7
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 3, 6, 8);
        t.op("Slice", List.of(x, t.longs("starts", 1), t.longs("ends", TO_END), t.longs("axes", 3),
                t.longs("steps", 2)), s(1, 3, 6, 4));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=8 1=6 2=3
                Reshape                  reshape_0                1 1 in0 0 0=2 1=4 2=18
                Crop                     crop_0                   1 1 0 1 -23309=1,1 -23310=1,2 -23311=1,2
                Reshape                  reshape_1                1 1 1 out0 0=4 1=6 2=3
                """, t.param());
    }

    @Test
    void stepOnHeightWithAStepOneCropNeedsNoFinalReshape() {
        // x[:, 1:3, 1:6:2, :] on [1,4,7,5]: channels 1..2, rows 1,3,5 (window 1..6 of the 7 rows)
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 7, 5);
        t.op("Slice", List.of(x, t.longs("starts", 1, 1), t.longs("ends", 3, 6), t.longs("axes", 1, 2),
                t.longs("steps", 1, 2)), s(1, 2, 3, 5));
        assertEquals("""
                7767517
                5 5
                Input                    input_0                  0 1 in0 0=5 1=7 2=4
                Crop                     crop_0                   1 1 in0 0 -23309=1,1 -23310=1,3 -23311=1,0
                Crop                     crop_1                   1 1 0 1 -23309=1,1 -23310=1,7 -23311=1,1
                Reshape                  reshape_0                1 1 1 2 0=10 1=3 2=2
                Crop                     crop_2                   1 1 2 out0 -23309=1,0 -23310=1,5 -23311=1,2
                """, t.param());
    }

    @Test
    void negativeStepOverAWholeAxisIsAFlip() {
        // torch.flip(x, [2]) as the exporter writes it: x[:, :, ::-1]
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("Slice", List.of(x, t.longs("starts", -1), t.longs("ends", Long.MIN_VALUE), t.longs("axes", 2),
                t.longs("steps", -1)), s(1, 2, 3));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2
                Flip                     flip_0                   1 1 in0 out0 -23300=1,1
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, y.data());
        // the batch axis of 1 reversed is itself
        TinyGraph batch = new TinyGraph();
        Value b = batch.input("x", 1, 2, 3);
        batch.op("Slice", List.of(b, batch.longs("starts", -1, -1), batch.longs("ends", Long.MIN_VALUE, Long.MIN_VALUE),
                batch.longs("axes", 0, 1), batch.longs("steps", -1, -1)), s(1, 2, 3));
        assertEquals("-23300=1,0", LowerToNcnn.lower(batch.g).layers.get(1).params.toParamString());
    }

    @Test
    void negativeStepsOfPartsCropAscendingThenFlip() {
        // x[:, 4:0:-2, 2::-1] on [1,5,4]: rows 4,2 and columns 2,1,0
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 5, 4);
        t.op("Slice", List.of(x, t.longs("starts", 4, 2), t.longs("ends", 0, -TO_END), t.longs("axes", 1, 2),
                t.longs("steps", -2, -1)), s(1, 2, 3));
        assertEquals("""
                7767517
                7 7
                Input                    input_0                  0 1 in0 0=4 1=5
                Crop                     crop_0                   1 1 in0 0 -23309=1,0 -23310=1,3 -23311=1,1
                Crop                     crop_1                   1 1 0 1 -23309=1,1 -23310=1,5 -23311=1,0
                Reshape                  reshape_0                1 1 1 2 0=6 1=2 2=1
                Crop                     crop_2                   1 1 2 3 -23309=1,3 -23310=1,6 -23311=1,2
                Reshape                  reshape_1                1 1 3 4 0=3 1=2
                Flip                     flip_0                   1 1 4 out0 -23300=2,0,1
                """, t.param());
        float[] in = new float[20];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        Mat y = t.run(Mat.of(new int[] {5, 4}, in));
        assertEquals("[h=2 w=3]", y.shapeString());
        assertArrayEquals(new float[] {18, 17, 16, 10, 9, 8}, y.data());
    }

    @Test
    void refusals() {
        TinyGraph stepped = new TinyGraph();
        Value x = stepped.input("x", 1, 4, 5);
        stepped.op("Slice", List.of(x, stepped.longs("starts", 0), stepped.longs("ends", 5),
                stepped.longs("axes", 2), stepped.longs("steps", 2)), s(1, 4, 3));
        assertEquals("step 2 slice from 0 of an axis of size 5 has no whole last block; ncnn cannot express it",
                stepped.refusal());

        TinyGraph zero = new TinyGraph();
        Value r = zero.input("x", 1, 4, 6);
        zero.op("Slice", List.of(r, zero.longs("starts", 0), zero.longs("ends", 6), zero.longs("axes", 2),
                zero.longs("steps", 0)), s(1, 4, 6));
        assertEquals("step 0; ncnn has no zero-step crop", zero.refusal());

        TinyGraph empty = new TinyGraph();
        Value y = empty.input("x", 1, 4, 6);
        empty.op("Slice", List.of(y, empty.longs("starts", 3), empty.longs("ends", 3), empty.longs("axes", 2)),
                s(1, 4, 0));
        assertEquals("slice [3:3] of an axis of size 6 is empty", empty.refusal());

        TinyGraph batch = new TinyGraph();
        Value z = batch.input("x", -1, 4);
        batch.op("Slice", List.of(z, batch.longs("starts", 0), batch.longs("ends", 1), batch.longs("axes", 0)),
                s(1, 4));
        assertEquals("operates on the batch axis of 'x', which ncnn drops", batch.refusal());
    }

    private static String crop(int[] in, int[] out, long start, long end, long axis) {
        return crop(in, out, new long[] {start}, new long[] {end}, axis);
    }

    private static String crop(int[] in, int[] out, long[] starts, long[] ends, long... axes) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", in);
        List<Value> inputs = new ArrayList<>(List.of(x, t.longs("starts", starts), t.longs("ends", ends)));
        if (axes.length > 0) {
            inputs.add(t.longs("axes", axes));
        }
        t.op("Slice", inputs, out);
        return LowerToNcnn.lower(t.g).layers.get(1).params.toParamString();
    }
}

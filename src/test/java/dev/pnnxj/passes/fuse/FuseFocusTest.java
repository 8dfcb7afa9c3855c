package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.NcnnExecutor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuseFocusTest {
    private static final int C = 2;
    private static final int H = 4;
    private static final int W = 6;

    private final Graph g = new Graph();
    private final Value x = g.addInput("x", DType.FLOAT32, Shape.of(1, C, H, W));

    /** x[..., r::2, c::2] as YOLOv5 exports it: a stride-2 Slice on H, then one on W. */
    private Value subsample(int r, int c) {
        Value rows = slice(x, 2, r, Shape.of(1, C, H / 2, W));
        return slice(rows, 3, c, Shape.of(1, C, H / 2, W / 2));
    }

    private Value slice(Value in, long axis, long start, Shape out) {
        List<Value> args = List.of(in, longs(start), longs(Long.MAX_VALUE), longs(axis), longs(2));
        Value v = g.addNode("Slice", null, args, List.of("s")).output(0);
        v.setDtype(DType.FLOAT32);
        v.setShape(out);
        return v;
    }

    private Value longs(long v) {
        return g.constant("c", Tensor.ofLongs(Shape.of(1), v));
    }

    private Value focus(int[][] order) {
        List<Value> parts = new ArrayList<>();
        for (int[] rc : order) {
            parts.add(subsample(rc[0], rc[1]));
        }
        Value y = g.addNode("Concat", "focus", parts, List.of("y")).set("axis", 1L).output(0);
        y.setDtype(DType.FLOAT32);
        y.setShape(Shape.of(1, 4 * C, H / 2, W / 2));
        g.addOutput(y);
        return y;
    }

    @Test
    void yoloOrderIsReorgThenBlockSwap() {
        int[][] order = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        focus(order);
        assertTrue(new FuseFocus().run(g));
        new EliminateDeadNodes().run(g);
        String param = ParamWriter.toString(LowerToNcnn.lower(g));
        assertEquals("""
                7767517
                4 7
                Input                    input_0                  0 1 in0 0=6 1=4 2=2
                Reorg                    reorg_0                  1 1 in0 0 0=2 1=1
                Slice                    slice_0                  1 4 0 1 2 3 4 -23300=4,2,2,2,-233 1=0
                Concat                   concat_0                 4 1 1 3 2 4 out0 0=0
                """, param);
        assertArrayEquals(expected(order), run(param));
    }

    @Test
    void spaceToDepthOrderIsOneReorg() {
        int[][] order = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        focus(order);
        assertTrue(new FuseFocus().run(g));
        new EliminateDeadNodes().run(g);
        String param = ParamWriter.toString(LowerToNcnn.lower(g));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4 2=2
                Reorg                    reorg_0                  1 1 in0 out0 0=2 1=1
                """, param);
        assertArrayEquals(expected(order), run(param));
    }

    @Test
    void aRepeatedBlockIsNoFocus() {
        focus(new int[][] {{0, 0}, {1, 0}, {0, 1}, {0, 0}});
        assertFalse(new FuseFocus().run(g));
    }

    /** Channels of x[..., r::2, c::2] concatenated in the given order, x holding 0, 1, 2, ... */
    private static float[] expected(int[][] order) {
        float[] out = new float[4 * C * (H / 2) * (W / 2)];
        int k = 0;
        for (int[] rc : order) {
            for (int ch = 0; ch < C; ch++) {
                for (int i = rc[0]; i < H; i += 2) {
                    for (int j = rc[1]; j < W; j += 2) {
                        out[k++] = (ch * H + i) * W + j;
                    }
                }
            }
        }
        return out;
    }

    private static float[] run(String param) {
        NcnnExecutor ex = NcnnExecutor.load(param, "focus.param", ByteBuffer.allocate(0), "focus.bin");
        float[] ramp = new float[C * H * W];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        return ex.run(Map.of("in0", Mat.of(new int[] {C, H, W}, ramp)), List.of("out0")).get("out0").data();
    }
}

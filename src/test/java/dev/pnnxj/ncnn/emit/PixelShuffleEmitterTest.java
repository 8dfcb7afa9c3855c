package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelShuffleEmitterTest {
    @Test
    void depthToSpaceModes() {
        TinyGraph crd = new TinyGraph();
        Value x = crd.input("x", 1, 8, 2, 2);
        crd.op("DepthToSpace", List.of(x), s(1, 2, 4, 4)).set("blocksize", 2).set("mode", "CRD");
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=2 2=8
                PixelShuffle             pixelshuffle_0           1 1 in0 out0 0=2
                """, crd.param());
        TinyGraph dcr = new TinyGraph();
        dcr.op("DepthToSpace", List.of(dcr.input("x", 1, 8, 2, 2)), s(1, 2, 4, 4)).set("blocksize", 2);
        assertEquals("0=2 1=1", LowerToNcnn.lower(dcr.g).layers.get(1).params.toParamString());
    }

    @Test
    void spaceToDepthModes() {
        // CRD (pixel_unshuffle): channel q's sub-position (sh, sw) goes to q*4 + sh*2 + sw, Reorg mode 0
        TinyGraph crd = new TinyGraph();
        Value x = crd.input("x", 1, 2, 2, 2);
        crd.op("SpaceToDepth", List.of(x), s(1, 8, 1, 1)).set("blocksize", 2).set("mode", "CRD");
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=2 1=2 2=2
                Reorg                    reorg_0                  1 1 in0 out0 0=2 1=0
                """, crd.param());
        Mat y = crd.run(Mat.of(new int[] {2, 2, 2}, new float[] {0, 1, 2, 3, 4, 5, 6, 7}));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, y.data());
        TinyGraph dcr = new TinyGraph();
        dcr.op("SpaceToDepth", List.of(dcr.input("x", 1, 2, 2, 2)), s(1, 8, 1, 1)).set("blocksize", 2);
        Mat z = dcr.run(Mat.of(new int[] {2, 2, 2}, new float[] {0, 1, 2, 3, 4, 5, 6, 7}));
        assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7}, z.data());
    }

    @Test
    void shuffleChannelAndRefusals() {
        TinyGraph t = new TinyGraph();
        t.op("ShuffleChannel", List.of(t.input("x", 1, 6, 2, 2)), s(1, 6, 2, 2)).set("group", 3);
        assertEquals("0=3", LowerToNcnn.lower(t.g).layers.get(1).params.toParamString());
        TinyGraph flat = new TinyGraph();
        flat.op("DepthToSpace", List.of(flat.input("x", 1, 8, 4)), s(1, 2, 8)).set("blocksize", 2);
        assertEquals("ncnn PixelShuffle takes a (c,h,w) blob, got [1,8,4]", flat.refusals().get(0));
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import java.util.Arrays;
import dev.pnnxj.verify.Mat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaddingEmitterTest {
    @Test
    void constantPadOfHeightAndWidth() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Pad", List.of(x, t.longs("pads", 0, 0, 1, 2, 0, 0, 3, 4), t.floats("v", Shape.SCALAR, 0.5f)),
                s(1, 4, 10, 14));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Padding                  padding_0                1 1 in0 out0 0=1 1=3 2=2 3=4 4=0 5=5.0e-01
                """, t.param());
    }

    @Test
    void modesMapToPaddingTypes() {
        assertEquals("0=1 1=1 2=1 3=1 4=2", params("reflect", s(1, 4, 6, 8), 0, 0, 1, 1, 0, 0, 1, 1));
        assertEquals("0=1 1=1 2=1 3=1 4=1", params("edge", s(1, 4, 6, 8), 0, 0, 1, 1, 0, 0, 1, 1));
    }

    @Test
    void channelsOfAThreeDimensionalBlobAreFrontAndBehind() {
        assertEquals("0=0 1=0 2=0 3=0 4=0 5=0.0e+00 7=1 8=2",
                params("constant", s(1, 4, 6, 8), 0, 1, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void depthOfAFourDimensionalBlobIsFrontAndBehind() {
        assertEquals("0=0 1=0 2=0 3=0 4=2 7=1 8=2",
                params("reflect", s(1, 2, 3, 4, 5), 0, 0, 1, 0, 0, 0, 0, 2, 0, 0));
    }

    @Test
    void widthOfAOneDimensionalBlob() {
        assertEquals("0=0 1=0 2=2 3=3 4=1", params("edge", s(1, 8), 0, 2, 0, 3));
    }

    @Test
    void axesInputSelectsThePaddedAxes() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("Pad", Arrays.asList(x, t.longs("pads", 1, 1), null, t.longs("axes", -1)), s(1, 4, 6, 10));
        assertEquals("0=0 1=0 2=1 3=1 4=0 5=0.0e+00", LowerToNcnn.lower(t.g).layers.get(1).params.toParamString());
    }

    @Test
    void zeroPadsAreNothing() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Value p = t.inner("Pad", List.of(x, t.longs("pads", 0, 0, 0, 0)), s(1, 4)).output(0);
        t.op("Floor", List.of(p), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=2
                """, t.param());
    }

    @Test
    void refusals() {
        assertEquals("ncnn Padding cannot pad the channels of a 4-D blob",
                refusal("constant", s(1, 2, 3, 4, 5), 0, 1, 0, 0, 0, 0, 1, 0, 0, 0));
        assertEquals("negative pads crop; ncnn Padding only adds", refusal("constant", s(1, 4, 6), 0, 0, -1, 0, 0, 0));
        assertEquals("pad mode 'wrap' has no ncnn Padding type", refusal("wrap", s(1, 4, 6), 0, 0, 1, 0, 0, 1));
    }

    @Test
    void paddingTheBatchAxisKeepsIt() {
        TinyGraph t = pad("constant", s(1, 2, 3), 1, 0, 0, 0, 0, 0);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                Padding                  padding_0                1 1 0 out0 0=0 1=0 2=0 3=0 4=0 5=0.0e+00 7=1 8=0
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertEquals("[c=2 h=2 w=3]", y.shapeString());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6}, y.data());
    }

    private static TinyGraph pad(String mode, int[] shape, long... pads) {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", shape);
        int[] out = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            out[i] += (int) (pads[i] + pads[shape.length + i]);
        }
        Node n = t.op("Pad", List.of(x, t.longs("pads", pads)), out);
        n.set("mode", mode);
        return t;
    }

    private static String params(String mode, int[] shape, long... pads) {
        return LowerToNcnn.lower(pad(mode, shape, pads).g).layers.get(1).params.toParamString();
    }

    private static String refusal(String mode, int[] shape, long... pads) {
        return pad(mode, shape, pads).refusal();
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TestGraphs.input;
import static dev.pnnxj.ncnn.emit.TestGraphs.lower;
import static dev.pnnxj.ncnn.emit.TestGraphs.node;
import static dev.pnnxj.ncnn.emit.TestGraphs.param;
import static dev.pnnxj.ncnn.emit.TestGraphs.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.verify.Mat;
import org.junit.jupiter.api.Test;

class ConvolutionEmitterTest {
    @Test
    void asymmetricPadsStridesAndDilationsMapToNcnnIds() {
        Graph g = new Graph();
        Value x = input(g, 1, 3, 8, 8);
        Tensor w = ramp(4, 3, 3, 3);
        Tensor b = ramp(4);
        Node conv = node(g, "Conv", Shape.of(1, 4, 5, 10), x, g.constant("w", w), g.constant("b", b));
        // ONNX pads are [top, left, bottom, right]; strides and dilations are [h, w]
        conv.set("pads", new long[] {1, 2, 3, 4}).set("strides", new long[] {2, 1}).set("dilations", new long[] {1, 2});
        NcnnModel m = lower(g, conv);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=8 2=3
                Convolution              convolution_0            1 1 in0 out0 0=4 1=3 2=2 3=1 4=2 5=1 6=108 11=3 12=1 13=2 14=1 15=4 16=3
                """, param(m));
        NcnnLayer l = m.layers.get(1);
        assertEquals(2, l.weights.size());
        assertSame(w, l.weights.get(0).data());
        assertTrue(l.weights.get(0).flagged());
        assertSame(b, l.weights.get(1).data());
        assertFalse(l.weights.get(1).flagged());
    }

    @Test
    void groupedConvolutionIsDepthWiseWithGroupParam() {
        Graph g = new Graph();
        Value x = input(g, 1, 4, 6, 6);
        Node conv = node(g, "Conv", Shape.of(1, 8, 6, 6), x, g.constant("w", ramp(8, 2, 3, 3)));
        conv.set("group", 2).set("pads", new long[] {1, 1, 1, 1});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=6 2=4
                ConvolutionDepthWise     convolutiondepthwise_0   1 1 in0 out0 0=8 1=3 2=1 3=1 4=1 5=0 6=144 7=2 11=3 12=1 13=1 14=1 15=1 16=1
                """, param(lower(g, conv)));
    }

    @Test
    void sameUpperAndSameLowerBecomeMarkerPads() {
        for (String mode : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
            Graph g = new Graph();
            Value x = input(g, 1, 1, 5, 5);
            Node conv = node(g, "Conv", Shape.of(1, 1, 3, 3), x, g.constant("w", ramp(1, 1, 3, 3)));
            conv.set("auto_pad", mode).set("strides", new long[] {2, 2}).set("pads", new long[] {9, 9, 9, 9});
            String mark = mode.equals("SAME_UPPER") ? "-233" : "-234";
            assertEquals("Convolution              convolution_0            1 1 in0 out0 0=1 1=3 2=1 3=2 4=" + mark
                    + " 5=0 6=9 11=3 12=1 13=2 14=" + mark + " 15=" + mark + " 16=" + mark,
                    param(lower(g, conv)).lines().toList().get(3));
        }
    }

    @Test
    void oneDimensionalConvolution() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 10);
        Node conv = node(g, "Conv", Shape.of(1, 3, 10), x, g.constant("w", ramp(3, 2, 3)), g.constant("b", ramp(3)));
        conv.set("pads", new long[] {1, 1});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=10 1=2
                Convolution1D            convolution1d_0          1 1 in0 out0 0=3 1=3 2=1 3=1 4=1 5=1 6=18 15=1
                """, param(lower(g, conv)));
    }

    @Test
    void threeDimensionalSameLowerGetsExplicitPads() {
        // ncnn's 3-D layers split an odd depth pad the SAME_UPPER way, so the pads are computed:
        // d: in 5 out 3 total 1 -> 1,0   h: in 6 out 3 total 1 -> 1,0   w: in 7 out 4 total 2 -> 1,1
        Graph g = new Graph();
        Value x = input(g, 1, 1, 5, 6, 7);
        Node conv = node(g, "Conv", Shape.of(1, 2, 3, 3, 4), x, g.constant("w", ramp(2, 1, 2, 3, 3)));
        conv.set("auto_pad", "SAME_LOWER").set("strides", new long[] {2, 2, 2});
        assertEquals("Convolution3D            convolution3d_0          1 1 in0 out0 0=2 1=3 2=1 3=2 4=1 5=0 6=36 "
                + "11=3 12=1 13=2 14=1 15=1 16=0 17=0 21=2 22=1 23=2 24=1", param(lower(g, conv)).lines().toList().get(3));
    }

    @Test
    void dataDependentWeightIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 1, 4, 4);
        Value w = g.addInput("w", dev.pnnxj.ir.DType.FLOAT32, Shape.of(1, 1, 3, 3));
        Node conv = node(g, "Conv", Shape.of(1, 1, 2, 2), x, w);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, conv));
        // one output channel: nothing mixes the batch, so ncnn would drop the weight's first axis
        assertEquals("the convolution weight is data [1,1,3,3] whose first axis ncnn drops as the batch; its dynamic "
                + "weight needs the whole 4-D tensor", e.problems().get(0).reason());
    }

    @Test
    void dataWeightIsASecondBottomWithDynamicWeight() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3, 3);
        Value w = t.input("w", 3, 2, 2, 2);
        Node conv = t.op("Conv", java.util.List.of(x, w), TinyGraph.s(1, 3, 2, 2));
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=3 2=2
                Input                    input_1                  0 1 in1 0=2 1=2 2=3 11=2
                Convolution              convolution_0            2 1 in0 in1 out0 0=3 1=2 2=1 3=1 4=0 5=0 6=24 11=2 12=1 \
                13=1 14=0 15=0 16=0 19=1
                """, t.param());
        float[] xv = ramp(1, 2, 3, 3).toFloats();
        float[] wv = ramp(3, 2, 2, 2).toFloats();
        float[] expected = new float[3 * 2 * 2];
        for (int o = 0; o < 3; o++) {
            for (int y = 0; y < 2; y++) {
                for (int xx = 0; xx < 2; xx++) {
                    float acc = 0;
                    for (int c = 0; c < 2; c++) {
                        for (int ky = 0; ky < 2; ky++) {
                            for (int kx = 0; kx < 2; kx++) {
                                acc += wv[((o * 2 + c) * 2 + ky) * 2 + kx] * xv[(c * 3 + y + ky) * 3 + xx + kx];
                            }
                        }
                    }
                    expected[(o * 2 + y) * 2 + xx] = acc;
                }
            }
        }
        assertArrayEquals(expected, t.run(Mat.of(TinyGraph.s(2, 3, 3), xv), Mat.of(TinyGraph.s(3, 2, 2, 2), wv)).data(),
                1e-4f);
    }

    @Test
    void followingReluIsFusedIntoTheConvolution() {
        Graph g = new Graph();
        Value x = input(g, 1, 1, 3, 3);
        Node conv = node(g, "Conv", Shape.of(1, 1, 1, 1), x, g.constant("w", ramp(1, 1, 3, 3)));
        Node relu = node(g, "Relu", Shape.of(1, 1, 1, 1), conv.output(0));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=3 2=1
                Convolution              convolution_0            1 1 in0 out0 0=1 1=3 2=1 3=1 4=0 5=0 6=9 9=1 11=3 12=1 13=1 14=0 15=0 16=0
                """, param(lower(g, relu)));
    }

    @Test
    void everyConvolutionVariantTakesAFollowingActivation() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 3, 3, 3);
        Node conv = node(g, "Conv", Shape.of(1, 2, 1, 1, 1), x, g.constant("w", ramp(2, 1, 3, 3, 3)));
        conv.set("group", 2);
        Node clip = node(g, "Clip", Shape.of(1, 2, 1, 1, 1), conv.output(0),
                g.constant("lo", Tensor.ofFloats(Shape.SCALAR, 0f)), g.constant("hi", Tensor.ofFloats(Shape.SCALAR, 6f)));
        assertEquals("ConvolutionDepthWise3D   convolutiondepthwise3d_0 1 1 in0 out0 0=2 1=3 2=1 3=1 4=0 5=0 6=54 7=2 "
                + "9=3 -23310=2,0.0e+00,6.0e+00 11=3 12=1 13=1 14=0 15=0 16=0 17=0 21=3 22=1 23=1 24=0",
                param(lower(g, clip)).lines().toList().get(3));
    }
}

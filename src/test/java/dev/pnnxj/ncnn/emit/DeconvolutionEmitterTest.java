package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TestGraphs.input;
import static dev.pnnxj.ncnn.emit.TestGraphs.lower;
import static dev.pnnxj.ncnn.emit.TestGraphs.node;
import static dev.pnnxj.ncnn.emit.TestGraphs.param;
import static dev.pnnxj.ncnn.emit.TestGraphs.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import org.junit.jupiter.api.Test;

class DeconvolutionEmitterTest {
    @Test
    void padsOutputPaddingAndWeightOrder() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 3, 3);
        // out h = (3-1)*2 + 2 + 1 - 0 - 0 = 7, w = (3-1)*2 + 2 + 0 - 1 - 1 = 4
        Node deconv = node(g, "ConvTranspose", Shape.of(1, 3, 7, 4), x, g.constant("w", ramp(2, 3, 2, 2)),
                g.constant("b", ramp(3)));
        deconv.set("strides", new long[] {2, 2}).set("pads", new long[] {0, 1, 0, 1})
                .set("output_padding", new long[] {1, 0});
        NcnnModel m = lower(g, deconv);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=3 2=2
                Deconvolution            deconvolution_0          1 1 in0 out0 0=3 1=2 2=1 3=2 4=1 5=1 6=24 11=2 12=1 13=2 14=0 15=1 16=0 18=0 19=1
                """, param(m));
        NcnnLayer l = m.layers.get(1);
        // ONNX [Cin=2][Cout=3][4] -> ncnn [Cout=3][Cin=2][4]: block (o,i) is ONNX block (i,o) = i*3+o
        assertArrayEquals(new float[] {
            0, 1, 2, 3, 12, 13, 14, 15,
            4, 5, 6, 7, 16, 17, 18, 19,
            8, 9, 10, 11, 20, 21, 22, 23}, l.weights.get(0).data().toFloats());
        assertTrue(l.weights.get(0).flagged());
        assertEquals(Shape.of(3, 2, 2, 2), l.weights.get(0).data().shape());
        assertFalse(l.weights.get(1).flagged());
    }

    @Test
    void groupedWeightsAreSwappedWithinEachGroup() {
        Graph g = new Graph();
        Value x = input(g, 1, 4, 2, 2);
        Node deconv = node(g, "ConvTranspose", Shape.of(1, 4, 2, 2), x, g.constant("w", ramp(4, 2, 1, 1)));
        deconv.set("group", 2);
        NcnnModel m = lower(g, deconv);
        assertEquals("DeconvolutionDepthWise   deconvolutiondepthwise_0 1 1 in0 out0 0=4 1=1 2=1 3=1 4=0 5=0 6=8 7=2 "
                + "11=1 12=1 13=1 14=0 15=0 16=0", param(m).lines().toList().get(3));
        // ONNX value at [g*2+i][o] is (g*2+i)*2+o; ncnn order is g, o, i
        assertArrayEquals(new float[] {0, 2, 1, 3, 4, 6, 5, 7}, m.layers.get(1).weights.get(0).data().toFloats());
    }

    @Test
    void outputShapeCropsTheOddPixelLikeOnnx() {
        Graph g = new Graph();
        Value x = input(g, 1, 1, 3, 3);
        Node deconv = node(g, "ConvTranspose", Shape.of(1, 1, 6, 6), x, g.constant("w", ramp(1, 1, 3, 3)));
        deconv.set("strides", new long[] {2, 2}).set("output_shape", new long[] {6, 6});
        assertEquals("Deconvolution            deconvolution_0          1 1 in0 out0 0=1 1=3 2=1 3=2 4=-234 5=0 6=9 "
                + "11=3 12=1 13=2 14=-234 15=-234 16=-234 20=6 21=6", param(lower(g, deconv)).lines().toList().get(3));
    }

    @Test
    void sameUpperAsksForInputTimesStride() {
        Graph g = new Graph();
        Value x = input(g, 1, 1, 4, 5);
        Node deconv = node(g, "ConvTranspose", Shape.of(1, 1, 8, 10), x, g.constant("w", ramp(1, 1, 3, 3)));
        deconv.set("strides", new long[] {2, 2}).set("auto_pad", "SAME_UPPER");
        assertEquals("Deconvolution            deconvolution_0          1 1 in0 out0 0=1 1=3 2=1 3=2 4=-233 5=0 6=9 "
                + "11=3 12=1 13=2 14=-233 15=-233 16=-233 20=10 21=8", param(lower(g, deconv)).lines().toList().get(3));
    }

    @Test
    void oneAndThreeDimensionalVariants() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 5);
        Node deconv = node(g, "ConvTranspose", Shape.of(1, 3, 7), x, g.constant("w", ramp(2, 3, 3)));
        deconv.set("output_shape", new long[] {1, 3, 7});
        assertEquals("Deconvolution1D          deconvolution1d_0        1 1 in0 out0 0=3 1=3 2=1 3=1 4=-234 5=0 6=18 "
                + "15=-234 20=7", param(lower(g, deconv)).lines().toList().get(3));

        Graph g3 = new Graph();
        Value x3 = input(g3, 1, 1, 2, 3, 4);
        Node d3 = node(g3, "ConvTranspose", Shape.of(1, 1, 4, 6, 8), x3, g3.constant("w", ramp(1, 1, 2, 2, 2)));
        d3.set("strides", new long[] {2, 2, 2}).set("output_padding", new long[] {0, 1, 1})
                .set("pads", new long[] {0, 0, 0, 0, 1, 1});
        assertEquals("Deconvolution3D          deconvolution3d_0        1 1 in0 out0 0=1 1=2 2=1 3=2 4=0 5=0 6=8 "
                + "11=2 12=1 13=2 14=0 15=1 16=1 17=0 18=1 19=1 20=0 21=2 22=1 23=2 24=0",
                param(lower(g3, d3)).lines().toList().get(3));
    }
}

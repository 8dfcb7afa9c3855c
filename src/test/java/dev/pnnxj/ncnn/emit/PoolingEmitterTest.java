package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TestGraphs.input;
import static dev.pnnxj.ncnn.emit.TestGraphs.lower;
import static dev.pnnxj.ncnn.emit.TestGraphs.node;
import static dev.pnnxj.ncnn.emit.TestGraphs.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import dev.pnnxj.verify.Mat;
import org.junit.jupiter.api.Test;

class PoolingEmitterTest {
    private static Node pool(Graph g, String op, int[] in, int[] out, long[] kernel) {
        Value x = input(g, in);
        Node n = node(g, op, Shape.of(out), x);
        n.set("kernel_shape", kernel);
        return n;
    }

    private static String layerLine(Graph g, Node n) {
        return param(lower(g, n)).lines().toList().get(3);
    }

    @Test
    void maxPoolWithPadsUsesValidPadding() {
        Graph g = new Graph();
        Node n = pool(g, "MaxPool", new int[] {1, 2, 8, 8}, new int[] {1, 2, 4, 4}, new long[] {3, 3});
        n.set("strides", new long[] {2, 2}).set("pads", new long[] {1, 1, 1, 1});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=8 2=2
                Pooling                  pooling_0                1 1 in0 out0 0=0 1=3 2=2 3=1 5=1 11=3 12=2 13=1 14=1 15=1
                """, param(lower(g, n)));
    }

    @Test
    void ceilModeRoundingUpUsesFullPadding() {
        // (7 - 2) / 2 rounds up to 3 windows after the first: 4 outputs
        Graph g = new Graph();
        Node n = pool(g, "AveragePool", new int[] {1, 1, 7, 7}, new int[] {1, 1, 4, 4}, new long[] {2, 2});
        n.set("strides", new long[] {2, 2}).set("ceil_mode", 1);
        assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=1 1=2 2=2 3=0 5=0 6=0 11=2 12=2 "
                + "13=0 14=0 15=0", layerLine(g, n));
    }

    @Test
    void ceilModeCountingPadsWithoutPadsExcludesTheTail() {
        // no explicit pads: the partial last window is cut at the input's end, so it divides by its cells
        Graph g = new Graph();
        Node n = pool(g, "AveragePool", new int[] {1, 1, 7, 7}, new int[] {1, 1, 4, 4}, new long[] {2, 2});
        n.set("strides", new long[] {2, 2}).set("ceil_mode", 1).set("count_include_pad", 1);
        assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=1 1=2 2=2 3=0 5=0 6=0 11=2 12=2 "
                + "13=0 14=0 15=0", layerLine(g, n));
    }

    @Test
    void ceilModeWindowStartingInThePaddingIsDroppedLikeOnnx() {
        // span 4 + 1 + 1 - 2 = 4, stride 3: ceil gives 3 windows but the third starts at 6 >= 4 + 1
        Graph g = new Graph();
        Node n = pool(g, "MaxPool", new int[] {1, 1, 4, 4}, new int[] {1, 1, 2, 2}, new long[] {2, 2});
        n.set("strides", new long[] {3, 3}).set("pads", new long[] {1, 1, 1, 1}).set("ceil_mode", 1);
        assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=0 1=2 2=3 3=1 5=1 11=2 12=3 "
                + "13=1 14=1 15=1", layerLine(g, n));
    }

    @Test
    void sameMaxPoolUsesNcnnPadModes() {
        for (String mode : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
            Graph g = new Graph();
            Node n = pool(g, "MaxPool", new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, new long[] {3, 3});
            n.set("strides", new long[] {2, 2}).set("auto_pad", mode);
            assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=0 1=3 2=2 5="
                    + (mode.equals("SAME_UPPER") ? 2 : 3) + " 11=3 12=2", layerLine(g, n));
        }
    }

    @Test
    void sameAveragePoolCountingPadsUsesNcnnPadMode() {
        Graph g = new Graph();
        Node n = pool(g, "AveragePool", new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, new long[] {3, 3});
        n.set("strides", new long[] {2, 2}).set("auto_pad", "SAME_UPPER").set("count_include_pad", 1);
        assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=1 1=3 2=2 5=2 6=1 11=3 12=2",
                layerLine(g, n));
    }

    @Test
    void sameAveragePoolExcludingPadsGetsExplicitPads() {
        // ncnn's pad mode 2 would count its SAME pads in the average: in 6, out 3, total pad 1 -> 0,1
        Graph g = new Graph();
        Node n = pool(g, "AveragePool", new int[] {1, 1, 6, 6}, new int[] {1, 1, 3, 3}, new long[] {3, 3});
        n.set("strides", new long[] {2, 2}).set("auto_pad", "SAME_UPPER");
        assertEquals("Pooling                  pooling_0                1 1 in0 out0 0=1 1=3 2=2 3=0 5=1 6=0 11=3 12=2 "
                + "13=0 14=1 15=1", layerLine(g, n));
    }

    @Test
    void oneAndThreeDimensionalPooling() {
        Graph g = new Graph();
        Node n = pool(g, "MaxPool", new int[] {1, 2, 9}, new int[] {1, 2, 4}, new long[] {3});
        n.set("strides", new long[] {2}).set("pads", new long[] {0, 1});
        assertEquals("Pooling1D                pooling1d_0              1 1 in0 out0 0=0 1=3 2=2 3=0 5=1 14=1",
                layerLine(g, n));

        Graph g3 = new Graph();
        Node n3 = pool(g3, "AveragePool", new int[] {1, 2, 4, 4, 4}, new int[] {1, 2, 2, 2, 2}, new long[] {2, 2, 2});
        n3.set("strides", new long[] {2, 2, 2});
        assertEquals("Pooling3D                pooling3d_0              1 1 in0 out0 0=1 1=2 2=2 3=0 5=1 6=0 11=2 12=2 "
                + "13=0 14=0 15=0 16=0 21=2 22=2 23=0", layerLine(g3, n3));
    }

    @Test
    void globalPoolingIsReshapedBackToTheIrRank() {
        Graph g = new Graph();
        Value x = input(g, 1, 4, 5, 5);
        Node n = node(g, "GlobalAveragePool", Shape.of(1, 4, 1, 1), x);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=5 1=5 2=4
                Pooling                  pooling_0                1 1 in0 0 0=1 4=1
                Reshape                  reshape_0                1 1 0 out0 0=1 1=1 2=4
                """, param(lower(g, n)));

        Graph g1 = new Graph();
        Node m = node(g1, "GlobalMaxPool", Shape.of(1, 4, 1), input(g1, 1, 4, 7));
        assertEquals(java.util.List.of(
                "Pooling1D                pooling1d_0              1 1 in0 0 0=0 4=1",
                "Reshape                  reshape_0                1 1 0 out0 0=1 1=4"),
                param(lower(g1, m)).lines().toList().subList(3, 5));
    }

    @Test
    void adaptivePoolingWithUnevenWindowsSetsOutputSizes() {
        // length 5 to 3: windows [0,2) [1,4) [3,5), of sizes 2, 3, 2
        TinyGraph t = new TinyGraph();
        Node n = t.op("AdaptiveAveragePool", java.util.List.of(t.input("x", 1, 2, 5)), TinyGraph.s(1, 2, 3));
        n.set("output_size", new long[] {3});
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=5 1=2
                Pooling1D                pooling1d_0              1 1 in0 out0 0=1 7=1 8=3
                """, t.param());
        float[] x = {1, 2, 3, 4, 5, 0, -3, 6, 9, 3};
        assertArrayEquals(new float[] {1.5f, 3, 4.5f, -1.5f, 4, 6}, t.run(Mat.of(TinyGraph.s(2, 5), x)).data(), 1e-6f);

        Graph g = new Graph();
        Node m = node(g, "AdaptiveMaxPool", Shape.of(1, 2, 2, 4, 5), input(g, 1, 2, 7, 9, 11));
        m.set("output_size", new long[] {2, 4, 5});
        assertEquals("Pooling3D                pooling3d_0              1 1 in0 out0 0=0 7=1 8=5 18=4 28=2",
                layerLine(g, m));
    }

    @Test
    void formsNcnnCannotPoolAreReported() {
        Graph g = new Graph();
        Node dilated = pool(g, "MaxPool", new int[] {1, 1, 8, 8}, new int[] {1, 1, 4, 4}, new long[] {2, 2});
        dilated.set("dilations", new long[] {2, 2});
        assertEquals("ncnn pooling has no dilation (dilations=[2, 2])", reason(g, dilated));

        Graph g2 = new Graph();
        Node partial = pool(g2, "AveragePool", new int[] {1, 1, 8, 8}, new int[] {1, 1, 5, 5}, new long[] {3, 3});
        partial.set("strides", new long[] {2, 2}).set("pads", new long[] {1, 1, 1, 1}).set("ceil_mode", 1)
                .set("count_include_pad", 1);
        assertEquals("count_include_pad=1 with ceil_mode partial windows averages differently in ncnn",
                reason(g2, partial));
    }

    @Test
    void ceilModeRoundingDifferentlyPerAxisIsReported() {
        // h: (4+1+1-2)/3 rounds up to 3 windows but the last starts in the padding (ONNX keeps 2);
        // w: (7-2)/3 keeps the rounded-up 3; ncnn's full padding cannot round only one axis up
        Graph g = new Graph();
        Node n = pool(g, "MaxPool", new int[] {1, 1, 4, 7}, new int[] {1, 1, 2, 3}, new long[] {2, 2});
        n.set("strides", new long[] {3, 3}).set("pads", new long[] {1, 0, 1, 0}).set("ceil_mode", 1);
        assertEquals("ceil_mode output [1,1,2,3] rounds down on some axes and up on others; ncnn pads all axes alike",
                reason(g, n));
    }

    private static String reason(Graph g, Node n) {
        return assertThrows(UnsupportedNodesException.class, () -> lower(g, n)).problems().get(0).reason();
    }
}

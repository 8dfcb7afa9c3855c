package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.ParamWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldBatchIntoChannelsTest {
    /** 1x1 Conv over [2,1,2,2] frames, then (optionally) a view of the frames as one clip. */
    private static Graph frames(boolean mixed) {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 1, 2, 2));
        Node conv = g.addNode("Conv", "conv", List.of(x, g.constant("w", Tensor.ofFloats(Shape.of(1, 1, 1, 1), 3)),
                g.constant("b", Tensor.ofFloats(Shape.of(1), 0.5f))), List.of("c"));
        conv.set("kernel_shape", new long[] {1, 1});
        conv.output(0).setShape(Shape.of(2, 1, 2, 2));
        conv.output(0).setDtype(DType.FLOAT32);
        if (!mixed) {
            g.addOutput(conv.output(0));
            return g;
        }
        Node clip = g.addNode("Reshape", "clip", List.of(conv.output(0),
                g.constant("s", Tensor.ofLongs(Shape.of(3), 1, 2, 4))), List.of("y"));
        clip.output(0).setShape(Shape.of(1, 2, 4));
        clip.output(0).setDtype(DType.FLOAT32);
        g.addOutput(clip.output(0));
        return g;
    }

    @Test
    void framesRunAsGroupsOfOneConvolutionWithRepeatedWeights() {
        Graph g = frames(true);
        assertTrue(new FoldBatchIntoChannels().run(g));
        Node conv = g.nodes().stream().filter(n -> n.op().equals("Conv")).findFirst().orElseThrow();
        assertEquals(2, conv.getInt("group", 1));
        assertArrayEquals(new float[] {3, 3}, conv.input(1).constant().toFloats());
        assertArrayEquals(new float[] {0.5f, 0.5f}, conv.input(2).constant().toFloats());
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=2 1=2 2=2 11=1
                Reshape                  reshape_0                1 1 in0 0 0=2 1=2 2=2
                ConvolutionDepthWise     convolutiondepthwise_0   1 1 0 1 0=2 1=1 2=1 3=1 4=0 5=1 6=2 7=2 11=1 12=1 13=1 14=0 15=0 16=0
                Reshape                  reshape_2                1 1 1 out0 0=4 1=2
                """, ParamWriter.toString(LowerToNcnn.lower(g)));
    }

    @Test
    void batchNormParametersAreRepeatedPerSample() {
        Graph g = new Graph();
        Value x = g.addInput("x", DType.FLOAT32, Shape.of(2, 2, 1, 1));
        List<Value> in = new java.util.ArrayList<>(List.of(x));
        for (String p : new String[] {"scale", "bias", "mean", "var"}) {
            in.add(g.constant(p, Tensor.ofFloats(Shape.of(2), 1, 2)));
        }
        Node bn = g.addNode("BatchNormalization", "bn", in, List.of("b"));
        bn.output(0).setShape(Shape.of(2, 2, 1, 1));
        Node clip = g.addNode("Reshape", "clip", List.of(bn.output(0),
                g.constant("s", Tensor.ofLongs(Shape.of(2), 1, 4))), List.of("y"));
        clip.output(0).setShape(Shape.of(1, 4));
        g.addOutput(clip.output(0));
        assertTrue(new FoldBatchIntoChannels().run(g));
        Node folded = g.nodes().stream().filter(n -> n.op().equals("BatchNormalization")).findFirst().orElseThrow();
        assertEquals(Shape.of(1, 4, 1, 1), folded.input(0).shape());
        assertArrayEquals(new float[] {1, 2, 1, 2}, folded.input(3).constant().toFloats());
    }

    @Test
    void graphsThatDoNotMixTheirSamplesAreLeftAlone() {
        assertFalse(new FoldBatchIntoChannels().run(frames(false)));
    }
}

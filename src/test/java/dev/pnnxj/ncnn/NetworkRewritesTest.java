package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetworkRewritesTest {
    private static NcnnLayer layer(NcnnModel m, String type, String name, String[] bottoms, String... tops) {
        NcnnLayer l = new NcnnLayer(type, name, null);
        l.bottoms.addAll(java.util.List.of(bottoms));
        l.tops.addAll(java.util.List.of(tops));
        m.layers.add(l);
        return l;
    }

    @Test
    void blobReadTwiceGetsASplitAndAnOutputKeepsItsName() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", "input_0", new String[0], "in0");
        layer(m, "ReLU", "relu_0", new String[] {"in0"}, "out0");
        layer(m, "Sigmoid", "sig_0", new String[] {"out0"}, "1");
        layer(m, "BinaryOp", "add_0", new String[] {"in0", "1"}, "out1");
        m.outputs.put("out0", "a");
        m.outputs.put("out1", "b");
        NetworkRewrites.insertSplits(m);
        String expected = """
                7767517
                6 8
                Input                    input_0                  0 1 in0
                Split                    splitncnn_0              1 2 in0 in0_splitncnn_0 in0_splitncnn_1
                ReLU                     relu_0                   1 1 in0_splitncnn_0 out0_splitncnn_in
                Split                    splitncnn_1              1 2 out0_splitncnn_in out0 out0_splitncnn_0
                Sigmoid                  sig_0                    1 1 out0_splitncnn_0 1
                BinaryOp                 add_0                    2 1 in0_splitncnn_1 1 out1
                """;
        assertEquals(expected, ParamWriter.toString(m));
    }

    @Test
    void reluAfterConvolutionIsFusedButNotWhenTheConvOutputIsReadTwice() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", "input_0", new String[0], "in0");
        layer(m, "Convolution", "conv_0", new String[] {"in0"}, "0");
        layer(m, "Clip", "clip_0", new String[] {"0"}, "1").params.put(0, 0f).put(1, 6f);
        layer(m, "Convolution", "conv_1", new String[] {"1"}, "2");
        layer(m, "ReLU", "relu_1", new String[] {"2"}, "3");
        layer(m, "BinaryOp", "add_0", new String[] {"2", "3"}, "out0");
        m.outputs.put("out0", "y");
        FuseActivation.run(m);
        String expected = """
                7767517
                5 5
                Input                    input_0                  0 1 in0
                Convolution              conv_0                   1 1 in0 1 9=3 -23310=2,0.0e+00,6.0e+00
                Convolution              conv_1                   1 1 1 2
                ReLU                     relu_1                   1 1 2 3
                BinaryOp                 add_0                    2 1 2 3 out0
                """;
        assertEquals(expected, ParamWriter.toString(m));
    }

    @Test
    void reshapeReadOnlyByFlattenOrExplicitReshapeIsDropped() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", "input_0", new String[0], "in0");
        layer(m, "Reshape", "reshape_0", new String[] {"in0"}, "0").params.put(0, 1).put(1, 1).put(2, 8);
        layer(m, "Flatten", "flatten_0", new String[] {"0"}, "1");
        layer(m, "Reshape", "reshape_1", new String[] {"1"}, "2").params.put(0, 4).put(1, 2);
        layer(m, "Reshape", "reshape_2", new String[] {"2"}, "out0").params.put(0, 0).put(1, -1);
        m.outputs.put("out0", "y");
        NetworkRewrites.collapseReshapes(m);
        String expected = """
                7767517
                4 4
                Input                    input_0                  0 1 in0
                Flatten                  flatten_0                1 1 in0 1
                Reshape                  reshape_1                1 1 1 2 0=4 1=2
                Reshape                  reshape_2                1 1 2 out0 0=0 1=-1
                """;
        assertEquals(expected, ParamWriter.toString(m));
    }

    @Test
    void activationBetweenTwoReshapesRunsOnTheFirstOnesInput() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", "input_0", new String[0], "in0");
        layer(m, "Reshape", "reshape_0", new String[] {"in0"}, "0").params.put(0, 8).put(1, 1).put(2, 4);
        layer(m, "GELU", "gelu_0", new String[] {"0"}, "1");
        layer(m, "Reshape", "reshape_1", new String[] {"1"}, "2").params.put(0, 8).put(1, 4);
        layer(m, "BinaryOp", "binaryop_0", new String[] {"2"}, "3").params.put(0, 2).put(1, 1).put(2, 0.5f);
        layer(m, "Reshape", "reshape_2", new String[] {"3"}, "out0").params.put(0, 32);
        m.outputs.put("out0", "y");
        m.blobShapes.put("in0", new int[] {4, 8});
        m.blobShapes.put("2", new int[] {4, 8});
        NetworkRewrites.reshapeAroundElementwise(m);
        // reshape_0 then reshape_1 undo each other around the GELU: both go; the scalar multiply
        // then has no Reshape before it, so reshape_2 stays
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0
                GELU                     gelu_0                   1 1 in0 2
                BinaryOp                 binaryop_0               1 1 2 3 0=2 1=1 2=5.0e-01
                Reshape                  reshape_2                1 1 3 out0 0=32
                """, ParamWriter.toString(m));
    }
}

package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TestGraphs.input;
import static dev.pnnxj.ncnn.emit.TestGraphs.lower;
import static dev.pnnxj.ncnn.emit.TestGraphs.node;
import static dev.pnnxj.ncnn.emit.TestGraphs.param;
import static dev.pnnxj.ncnn.emit.TestGraphs.ramp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationAndActivationEmitterTest {
    @Test
    void batchNormWritesSlopeMeanVarBiasAsRawFloats() {
        Graph g = new Graph();
        Value x = input(g, 1, 3, 4, 4);
        Tensor scale = ramp(3);
        Tensor bias = ramp(3);
        Tensor mean = ramp(3);
        Tensor var = ramp(3);
        Node bn = node(g, "BatchNormalization", Shape.of(1, 3, 4, 4), x, g.constant("scale", scale),
                g.constant("bias", bias), g.constant("mean", mean), g.constant("var", var));
        bn.set("epsilon", 1e-3f);
        NcnnModel m = lower(g, bn);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4 1=4 2=3
                BatchNorm                batchnorm_0              1 1 in0 out0 0=3 1=1.0e-03
                """, param(m));
        NcnnLayer l = m.layers.get(1);
        List<Tensor> order = List.of(scale, mean, var, bias);
        for (int i = 0; i < 4; i++) {
            assertSame(order.get(i), l.weights.get(i).data());
            assertFalse(l.weights.get(i).flagged());
        }
    }

    @Test
    void trainingModeBatchNormIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 2, 3);
        Node bn = node(g, "BatchNormalization", Shape.of(1, 2, 3), x, g.constant("scale", ramp(2)),
                g.constant("bias", ramp(2)), g.constant("mean", ramp(2)), g.constant("var", ramp(2)));
        bn.set("training_mode", 1);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, bn));
        assertEquals("training_mode=1 uses batch statistics; export the model in eval mode",
                e.problems().get(0).reason());
    }

    @Test
    void swishWithAlphaOtherThanOneIsReported() {
        Graph g = new Graph();
        Node swish = node(g, "Swish", Shape.of(1, 4), input(g, 1, 4));
        swish.set("alpha", 2f);
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, swish));
        assertEquals("ncnn Swish is x * sigmoid(x); alpha=2.0", e.problems().get(0).reason());
    }

    @Test
    void simpleActivationsWithTheirParams() {
        Graph g = new Graph();
        Value v = input(g, 1, 2, 3);
        String[] ops = {"Relu", "LeakyRelu", "Sigmoid", "Tanh", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
            "Softplus", "Swish", "Mish", "Gelu"};
        Node last = null;
        for (String op : ops) {
            last = node(g, op, Shape.of(1, 2, 3), v);
            v = last.output(0);
        }
        g.nodes().get(1).set("alpha", 0.1f);
        g.nodes().get(12).set("approximate", "tanh");
        assertEquals("""
                7767517
                14 14
                Input                    input_0                  0 1 in0 0=3 1=2
                ReLU                     relu_0                   1 1 in0 0
                ReLU                     relu_1                   1 1 0 1 0=1.0e-01
                Sigmoid                  sigmoid_0                1 1 1 2
                TanH                     tanh_0                   1 1 2 3
                ELU                      elu_0                    1 1 3 4 0=1.0e+00
                SELU                     selu_0                   1 1 4 5 0=1.6732632e+00 1=1.050701e+00
                CELU                     celu_0                   1 1 5 6 0=1.0e+00
                HardSigmoid              hardsigmoid_0            1 1 6 7 0=2.0e-01 1=5.0e-01
                HardSwish                hardswish_0              1 1 7 8 0=1.6666667e-01 1=5.0e-01
                Softplus                 softplus_0               1 1 8 9
                Swish                    swish_0                  1 1 9 10
                Mish                     mish_0                   1 1 10 11
                GELU                     gelu_0                   1 1 11 out0 0=1
                """, param(lower(g, last)));
    }

    @Test
    void clipKeepsItsConstantBoundsAndLeavesMissingOnesToNcnn() {
        Graph g = new Graph();
        Value x = input(g, 1, 4);
        Node relu6 = node(g, "Clip", Shape.of(1, 4), x, g.constant("lo", Tensor.ofFloats(Shape.SCALAR, 0f)),
                g.constant("hi", Tensor.ofFloats(Shape.SCALAR, 6f)));
        Node floor = node(g, "Clip", Shape.of(1, 4), relu6.output(0), g.constant("lo2", Tensor.ofFloats(Shape.SCALAR,
                -1.5f)));
        assertEquals(List.of(
                "Clip                     clip_0                   1 1 in0 0 0=0.0e+00 1=6.0e+00",
                "Clip                     clip_1                   1 1 0 out0 0=-1.5e+00"),
                param(lower(g, floor)).lines().toList().subList(3, 5));
    }

    @Test
    void preluTakesScalarOrPerChannelSlopes() {
        Graph g = new Graph();
        Value x = input(g, 1, 3, 2, 2);
        Tensor slope = ramp(3, 1, 1);
        Node perChannel = node(g, "PRelu", Shape.of(1, 3, 2, 2), x, g.constant("slope", slope));
        Node single = node(g, "PRelu", Shape.of(1, 3, 2, 2), perChannel.output(0),
                g.constant("s", Tensor.ofFloats(Shape.of(1), 0.25f)));
        NcnnModel m = lower(g, single);
        assertEquals(List.of(
                "PReLU                    prelu_0                  1 1 in0 0 0=3",
                "PReLU                    prelu_1                  1 1 0 out0 0=1"),
                param(m).lines().toList().subList(3, 5));
        assertSame(slope, m.layers.get(1).weights.get(0).data());
        assertFalse(m.layers.get(1).weights.get(0).flagged());
    }

    @Test
    void preluSlopeAlongSpatialAxesIsReported() {
        Graph g = new Graph();
        Value x = input(g, 1, 3, 2, 2);
        Node n = node(g, "PRelu", Shape.of(1, 3, 2, 2), x, g.constant("slope", ramp(2)));
        UnsupportedNodesException e = assertThrows(UnsupportedNodesException.class, () -> lower(g, n));
        assertEquals("slope [2] varies along an axis other than the channel axis of [1,3,2,2]; ncnn PReLU has one "
                + "slope per channel", e.problems().get(0).reason());
    }

    @Test
    void softmaxAxisIsMappedAndLogSoftmaxAddsLog() {
        Graph g = new Graph();
        Value x = input(g, 1, 3, 4);
        Node sm = node(g, "Softmax", Shape.of(1, 3, 4), x);
        sm.set("axis", 1);
        Node lsm = node(g, "LogSoftmax", Shape.of(1, 3, 4), sm.output(0));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=4 1=3
                Softmax                  softmax_0                1 1 in0 0 0=0 1=1
                Softmax                  softmax_1                1 1 0 1 0=1 1=1
                UnaryOp                  unaryop_0                1 1 1 out0 0=8
                """, param(lower(g, lsm)));
    }
}

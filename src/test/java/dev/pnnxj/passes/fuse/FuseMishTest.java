package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import org.junit.jupiter.api.Test;

class FuseMishTest {
    @Test
    void xTimesTanhOfSoftplusIsOneMishLayer() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value y = p.op("Mul", p.x, p.op("Tanh", p.op("Softplus", p.x)));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4
                Mish                     mish_0                   1 1 in0 out0
                """, p.param(y, new FuseMish()));
    }

    @Test
    void tanhOfSoftplusOfAnotherValueStays() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value y = p.op("Mul", p.x, p.op("Tanh", p.op("Softplus", p.op("Neg", p.x))));
        assertEquals("""
                7767517
                6 7
                Input                    input_0                  0 1 in0 0=8 1=4
                Split                    splitncnn_0              1 2 in0 in0_splitncnn_0 in0_splitncnn_1
                UnaryOp                  unaryop_0                1 1 in0_splitncnn_0 0 0=1
                Softplus                 softplus_0               1 1 0 1
                TanH                     tanh_0                   1 1 1 2
                BinaryOp                 binaryop_0               2 1 in0_splitncnn_1 2 out0 0=2
                """, p.param(y, new FuseMish()));
    }
}

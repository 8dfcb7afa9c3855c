package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ir.Value;
import org.junit.jupiter.api.Test;

class FuseGeluTest {
    private static final String ERF_GELU = """
            7767517
            2 2
            Input                    input_0                  0 1 in0 0=8 1=4
            GELU                     gelu_0                   1 1 in0 out0
            """;

    @Test
    void torchErfFormIsOneGeluLayer() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value erf = p.op("Erf", p.op("Div", p.x, p.c(1.4142135f)));
        Value y = p.op("Mul", p.op("Mul", p.x, p.op("Add", erf, p.c(1))), p.c(0.5f));
        assertEquals(ERF_GELU, p.param(y, new FuseGelu()));
    }

    @Test
    void handWrittenErfFormWithConstantsFirstIsOneGeluLayer() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value erf = p.op("Erf", p.op("Mul", p.c(0.70710677f), p.x));
        Value y = p.op("Mul", p.op("Mul", p.c(0.5f), p.x), p.op("Add", p.c(1), erf));
        assertEquals(ERF_GELU, p.param(y, new FuseGelu()));
    }

    @Test
    void torchTanhFormIsFastGelu() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value cube = p.op("Mul", p.x, p.op("Mul", p.x, p.x));
        Value inner = p.op("Add", p.x, p.op("Mul", p.c(0.044715f), cube));
        Value t = p.op("Tanh", p.op("Mul", p.c(0.7978846f), inner));
        Value y = p.op("Mul", p.c(0.5f), p.op("Mul", p.x, p.op("Add", p.c(1), t)));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4
                GELU                     gelu_0                   1 1 in0 out0 0=1
                """, p.param(y, new FuseGelu()));
    }

    @Test
    void tanhFormWithPowIsFastGelu() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value inner = p.op("Add", p.op("Mul", p.op("Pow", p.x, p.c(3)), p.c(0.044715f)), p.x);
        Value t = p.op("Tanh", p.op("Mul", inner, p.c(0.7978846f)));
        Value y = p.op("Mul", p.op("Mul", p.x, p.c(0.5f)), p.op("Add", t, p.c(1)));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4
                GELU                     gelu_0                   1 1 in0 out0 0=1
                """, p.param(y, new FuseGelu()));
    }

    @Test
    void erfOfAnotherScaleStaysAndErfIsItsOwnLayer() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value erf = p.op("Erf", p.op("Div", p.x, p.c(2)));
        Value y = p.op("Mul", p.op("Mul", p.x, p.op("Add", erf, p.c(1))), p.c(0.5f));
        assertEquals("""
                7767517
                7 8
                Input                    input_0                  0 1 in0 0=8 1=4
                Split                    splitncnn_0              1 2 in0 in0_splitncnn_0 in0_splitncnn_1
                BinaryOp                 binaryop_0               1 1 in0_splitncnn_0 0 0=3 1=1 2=2.0e+00
                Erf                      erf_0                    1 1 0 1
                BinaryOp                 binaryop_1               1 1 1 2 0=0 1=1 2=1.0e+00
                BinaryOp                 binaryop_2               2 1 in0_splitncnn_1 2 3 0=2
                BinaryOp                 binaryop_3               1 1 3 out0 0=2 1=1 2=5.0e-01
                """, p.param(y, new FuseGelu()));
    }

    @Test
    void halfScaleMissingStays() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value erf = p.op("Erf", p.op("Div", p.x, p.c(1.4142135f)));
        Value y = p.op("Mul", p.x, p.op("Add", erf, p.c(1)));
        String param = p.param(y, new FuseGelu());
        assertFalse(param.contains("GELU"), param);
    }
}

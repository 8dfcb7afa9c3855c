package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import org.junit.jupiter.api.Test;

class FuseLayerNormTest {
    /** (x - mean) / sqrt(var + eps) over {@code axis}, as torch exports it. */
    private static Value normalized(PatternGraph p, long meanAxis, long varAxis, boolean epsInsideSqrt) {
        Value d = p.op("Sub", p.x, p.op("ReduceMean", p.x, p.longs(meanAxis)));
        Value var = p.op("ReduceMean", p.op("Pow", d, p.c(2)), p.longs(varAxis));
        Value s = epsInsideSqrt ? p.op("Sqrt", p.op("Add", var, p.c(1e-6f))) : p.op("Add", p.op("Sqrt", var), p.c(1e-6f));
        return p.op("Div", d, s);
    }

    @Test
    void lastAxisWithAffineIsOneLayerNorm() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        Value y = p.op("Add", p.op("Mul", normalized(p, -1, -1, true), p.floats(Shape.of(3), 1, 2, 3)),
                p.floats(Shape.of(3), 4, 5, 6));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                LayerNorm                layernorm_0              1 1 in0 out0 0=3 1=1.0e-06 2=1
                """, p.param(y, new FuseLayerNorm()));
    }

    @Test
    void lastAxisWithoutAffineHasNoWeights() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                LayerNorm                layernorm_0              1 1 in0 out0 0=3 1=1.0e-06 2=0
                """, p.param(normalized(p, 2, -1, true), new FuseLayerNorm()));
    }

    @Test
    void channelAxisOfNchwIsPermuteLayerNormPermute() {
        PatternGraph p = new PatternGraph(1, 3, 4, 5);
        Value scaled = p.op("Mul", p.floats(Shape.of(3, 1, 1), 1, 2, 3), normalized(p, 1, 1, true));
        Value y = p.op("Add", scaled, p.floats(Shape.of(3, 1, 1), 4, 5, 6));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=5 1=4 2=3
                Permute                  permute_0                1 1 in0 0 0=3
                LayerNorm                layernorm_0              1 1 0 1 0=3 1=1.0e-06 2=1
                Permute                  permute_1                1 1 1 out0 0=4
                """, p.param(y, new FuseLayerNorm()));
    }

    @Test
    void meanAndVarianceOverDifferentAxesStay() {
        PatternGraph p = new PatternGraph(1, 3, 4, 5);
        String param = p.param(normalized(p, 1, 2, true), new FuseLayerNorm());
        assertFalse(param.contains("LayerNorm"), param);
    }

    @Test
    void epsOutsideTheSqrtStays() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        String param = p.param(normalized(p, -1, -1, false), new FuseLayerNorm());
        assertFalse(param.contains("LayerNorm"), param);
    }

    @Test
    void gammaVaryingAlongAnotherAxisIsLeftOut() {
        PatternGraph p = new PatternGraph(1, 2, 3);
        Value y = p.op("Mul", normalized(p, -1, -1, true), p.floats(Shape.of(2, 1), 7, 8));
        assertEquals("""
                7767517
                4 4
                Input                    input_0                  0 1 in0 0=3 1=2
                LayerNorm                layernorm_0              1 1 in0 0 0=3 1=1.0e-06 2=0
                MemoryData               memorydata_0             0 1 1 0=1 1=2
                BinaryOp                 binaryop_0               2 1 0 1 out0 0=2
                """, p.param(y, new FuseLayerNorm()));
    }
}

package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import dev.pnnxj.passes.PassPipeline;
import org.junit.jupiter.api.Test;

class FuseRmsNormTest {
    /** r = sqrt(mean(x^2 over axis) + eps), with eps inside or outside the sqrt. */
    private static Value rms(PatternGraph p, long axis, boolean epsInsideSqrt) {
        Value ms = p.op("ReduceMean", p.op("Pow", p.x, p.c(2)), p.longs(axis));
        return epsInsideSqrt ? p.op("Sqrt", p.op("Add", ms, p.c(1e-6f))) : p.op("Add", p.op("Sqrt", ms), p.c(1e-6f));
    }

    @Test
    void xTimesReciprocalRmsTimesWeightIsOneRmsNorm() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        Value y = p.op("Mul", p.floats(Shape.of(3), 1, 2, 3), p.op("Mul", p.x, p.op("Reciprocal", rms(p, -1, true))));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                RMSNorm                  rmsnorm_0                1 1 in0 out0 0=3 1=1.0e-06 2=1
                """, p.param(y, new FuseRmsNorm()));
    }

    @Test
    void torchRsqrtExportIsOneRmsNorm() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        Value y = p.op("Mul", p.floats(Shape.of(3), 1, 2, 3), p.op("Mul", p.x, p.op("Div", p.c(1), rms(p, -1, true))));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                RMSNorm                  rmsnorm_0                1 1 in0 out0 0=3 1=1.0e-06 2=1
                """, p.param(y, new FuseRmsNorm()));
    }

    @Test
    void xOverRmsWithoutWeightHasNoWeights() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                RMSNorm                  rmsnorm_0                1 1 in0 out0 0=3 1=1.0e-06 2=0
                """, p.param(p.op("Div", p.x, rms(p, 2, true)), new FuseRmsNorm()));
    }

    @Test
    void innerAxisStays() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        String param = p.param(p.op("Div", p.x, rms(p, 1, true)), new FuseRmsNorm());
        assertFalse(param.contains("RMSNorm"), param);
    }

    @Test
    void epsOutsideTheSqrtStays() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        String param = p.param(p.op("Div", p.x, rms(p, -1, false)), new FuseRmsNorm());
        assertFalse(param.contains("RMSNorm"), param);
    }

    @Test
    void layerNormKeepsItsPatternWhenItRunsFirst() {
        PatternGraph p = new PatternGraph(1, 5, 3);
        Value d = p.op("Sub", p.x, p.op("ReduceMean", p.x, p.longs(-1)));
        Value var = p.op("ReduceMean", p.op("Pow", d, p.c(2)), p.longs(-1));
        Value y = p.op("Div", d, p.op("Sqrt", p.op("Add", var, p.c(1e-6f))));
        PassPipeline both = new PassPipeline().repeat(1, new FuseLayerNorm(), new FuseRmsNorm());
        String param = p.param(y, g -> !both.run(g).isEmpty());
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=5
                LayerNorm                layernorm_0              1 1 in0 out0 0=3 1=1.0e-06 2=0
                """, param);
    }
}

package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Value;
import org.junit.jupiter.api.Test;

class FuseGroupNormTest {
    /** PyTorch's nn.GroupNorm(2, 4) export on [1,4,2,3] up to the Reshape back, with the given instance affine. */
    private static Value grouped(PatternGraph p, float[] scale, float[] bias) {
        Value r = p.op("Reshape", p.x, p.longs(0, 2, -1));
        Value n = p.node("InstanceNormalization", r, p.floats(Shape.of(2), scale), p.floats(Shape.of(2), bias))
                .set("epsilon", 1e-3f).output(0);
        return p.op("Reshape", n, p.longs(1, 4, 2, 3));
    }

    private static Value unitGrouped(PatternGraph p) {
        return grouped(p, new float[] {1, 1}, new float[] {0, 0});
    }

    @Test
    void pytorchGroupNormExportIsOneGroupNorm() {
        PatternGraph p = new PatternGraph(1, 4, 2, 3);
        Value y = p.op("Add", p.op("Mul", unitGrouped(p), p.floats(Shape.of(4, 1, 1), 1, 2, 3, 4)),
                p.floats(Shape.of(4, 1, 1), 0, 1, 0, -1));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2 2=4
                GroupNorm                groupnorm_0              1 1 in0 out0 0=2 1=4 2=1.0e-03 3=1
                """, p.param(y, new FuseGroupNorm()));
    }

    @Test
    void withoutAffineTheGroupNormHasNoWeights() {
        PatternGraph p = new PatternGraph(1, 4, 2, 3);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=3 1=2 2=4
                GroupNorm                groupnorm_0              1 1 in0 out0 0=2 1=4 2=1.0e-03 3=0
                """, p.param(unitGrouped(p), new FuseGroupNorm()));
    }

    @Test
    void aScaleAlongWidthIsNoChannelAffineAndStaysOutside() {
        PatternGraph p = new PatternGraph(1, 4, 2, 3);
        Value y = p.op("Mul", unitGrouped(p), p.floats(Shape.of(3), 1, 2, 3));
        String param = p.param(y, new FuseGroupNorm());
        assertTrue(param.contains("GroupNorm                groupnorm_0              1 1 in0 0 0=2 1=4 2=1.0e-03 3=0\n")
                && param.contains("BinaryOp"), param);
    }

    @Test
    void anInstanceNormWithItsOwnScaleStays() {
        PatternGraph p = new PatternGraph(1, 4, 2, 3);
        String param = p.param(grouped(p, new float[] {1, 2}, new float[] {0, 0}), new FuseGroupNorm());
        assertTrue(param.contains("Reshape"), param);
    }

    @Test
    void groupsThatMixChannelsStay() {
        // [1,4,2,3] viewed as [1,3,8]: rows do not hold whole channels
        PatternGraph p = new PatternGraph(1, 4, 2, 3);
        Value r = p.op("Reshape", p.x, p.longs(0, 3, -1));
        Value n = p.op("InstanceNormalization", r, p.floats(Shape.of(3), 1, 1, 1), p.floats(Shape.of(3), 0, 0, 0));
        String param = p.param(p.op("Reshape", n, p.longs(1, 4, 2, 3)), new FuseGroupNorm());
        assertTrue(param.contains("Reshape"), param);
    }
}

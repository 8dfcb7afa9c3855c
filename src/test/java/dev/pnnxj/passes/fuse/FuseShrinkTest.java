package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import org.junit.jupiter.api.Test;

class FuseShrinkTest {
    @Test
    void exportedHardshrinkIsOneShrink() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value keep = p.op("Or", p.op("Greater", p.x, p.c(0.5f)), p.op("Less", p.x, p.c(-0.5f)));
        Value y = p.op("Where", keep, p.x, p.c(0));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4
                Shrink                   shrink_0                 1 1 in0 out0 0=0.0e+00 1=5.0e-01
                """, p.param(y, new FuseShrink()));
    }

    @Test
    void exportedSoftshrinkIsOneShrinkWithBias() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value upper = p.op("Where", p.op("Greater", p.x, p.c(0.5f)), p.op("Sub", p.x, p.c(0.5f)), p.c(0));
        Value lower = p.op("Where", p.op("Less", p.x, p.c(-0.5f)), p.op("Add", p.x, p.c(0.5f)), p.c(0));
        Value y = p.op("Add", lower, upper);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=4
                Shrink                   shrink_0                 1 1 in0 out0 0=5.0e-01 1=5.0e-01
                """, p.param(y, new FuseShrink()));
    }

    @Test
    void asymmetricBoundsStay() {
        PatternGraph p = new PatternGraph(1, 4, 8);
        Value keep = p.op("Or", p.op("Greater", p.x, p.c(0.5f)), p.op("Less", p.x, p.c(-0.25f)));
        Value y = p.op("Where", keep, p.x, p.c(0));
        p.g.addOutput(y);
        assertEquals(false, new FuseShrink().run(p.g));
    }
}

package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.Pass;
import org.junit.jupiter.api.Test;

/** Fusions stated as input IR ⇒ expected IR. */
class FusionsInIrTextTest {

    /** Runs the pass (and dead-node elimination) on the parsed input and prints the result. */
    private static String rewrite(Pass pass, String input) {
        Graph g = IrText.parse(input);
        pass.run(g);
        new EliminateDeadNodes().run(g);
        return IrText.print(g);
    }

    @Test
    void swish() {
        assertEquals("""
                input x:f32[1,8]
                y:f32[1,8] = Swish(x)
                output y
                """, rewrite(new FuseSwish(), """
                input x:f32[1,8]
                s:f32[1,8] = Sigmoid(x)
                y:f32[1,8] = Mul(s, x)
                output y
                """));
    }

    @Test
    void swishWhoseSigmoidIsReadElsewhereStays() {
        String input = """
                input x:f32[1,8]
                s:f32[1,8] = Sigmoid(x)
                y:f32[1,8] = Mul(s, x)
                output y, s
                """;
        assertEquals(input, rewrite(new FuseSwish(), input));
    }

    @Test
    void hardSwishSpelledWithClip() {
        assertEquals("""
                input x:f32[1,8]
                y:f32[1,8] = HardSwish(x)
                output y
                """, rewrite(new FuseHardSwish(), """
                input x:f32[1,8]
                const three:f32[] = [3.0]
                const zero:f32[] = [0.0]
                const six:f32[] = [6.0]
                a:f32[1,8] = Add(x, three)
                r:f32[1,8] = Clip(a, zero, six)
                m:f32[1,8] = Mul(x, r)
                y:f32[1,8] = Div(m, six)
                output y
                """));
    }

    @Test
    void matMulAddTakesTheBias() {
        assertEquals("""
                input a:f32[1,4,2]
                const w:f32[2,3] = [1.0,2.0,3.0,4.0,5.0,6.0]
                const fc_bias:f32[3] = [7.0,8.0,9.0]
                z:f32[1,4,3] = MatMul@fc(a, w, fc_bias)
                output z
                """, rewrite(new FuseMatMulAdd(), """
                input a:f32[1,4,2]
                const w:f32[2,3] = [1.0,2.0,3.0,4.0,5.0,6.0]
                const c:f32[1,3] = [7.0,8.0,9.0]
                fc:f32[1,4,3] = MatMul(a, w)
                z:f32[1,4,3] = Add(c, fc)
                output z
                """));
    }

    @Test
    void channelShuffle() {
        assertEquals("""
                input x:f32[1,6,2,2]
                y:f32[1,6,2,2] = ShuffleChannel(x) group=2
                output y
                """, rewrite(new FuseChannelShuffle(), """
                input x:f32[1,6,2,2]
                const groups:i64[5] = [1,2,3,2,2]
                const back:i64[4] = [1,6,2,2]
                a:f32[1,2,3,2,2] = Reshape(x, groups)
                t:f32[1,3,2,2,2] = Transpose(a) perm=[0,2,1,3,4]
                y:f32[1,6,2,2] = Reshape(t, back)
                output y
                """));
    }

    @Test
    void slicesTilingAnAxisBecomeOneSplit() {
        assertEquals("""
                input x:f32[1,6,4]
                const a_split_sizes:i64[2] = [2,4]
                a:f32[1,2,4], b:f32[1,4,4] = Split@a_split(x, a_split_sizes) axis=1
                output b, a
                """, rewrite(new FuseSlicesIntoSplit(), """
                input x:f32[1,6,4]
                const s2:i64[1] = [2]
                const s6:i64[1] = [6]
                const one:i64[1] = [1]
                const s0:i64[1] = [0]
                b:f32[1,4,4] = Slice(x, s2, s6, one)
                a:f32[1,2,4] = Slice(x, s0, s2, one)
                output b, a
                """));
    }
}

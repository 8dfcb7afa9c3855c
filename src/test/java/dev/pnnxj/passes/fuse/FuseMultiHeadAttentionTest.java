package dev.pnnxj.passes.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.ncnn.BinWriter;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.ncnn.ParamWriter;
import dev.pnnxj.passes.EliminateDeadNodes;
import dev.pnnxj.passes.FoldConstants;
import dev.pnnxj.passes.MergeConsecutive;
import dev.pnnxj.passes.MovesAsReshape;
import dev.pnnxj.passes.PassPipeline;
import dev.pnnxj.passes.RemoveIdentity;
import dev.pnnxj.passes.TransposeChains;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.NcnnExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's packed-projection self-attention (S=4 tokens, E=8, H=2 heads of D=4) as IR text: the
 * pattern fuses, and near misses of it stay as they are. Each case is also lowered with and without
 * the fusion and run in the reference executor, and both must give the same numbers.
 */
class FuseMultiHeadAttentionTest {
    /** nn.MultiheadAttention(8, 2, batch_first=True) as the ONNX exporter writes it (opset 13). */
    private static final String ATTENTION = """
            input x:f32[1,4,8]
            const w_in:f32[8,24]
            const b_in:f32[24] = [0.0,0.125,0.25,0.375,0.5,0.625,0.75,0.875,1.0,1.125,1.25,1.375,\
            1.5,1.625,1.75,1.875,2.0,2.125,2.25,2.375,2.5,2.625,2.75,2.875]
            const s0:i64[1] = [0]
            const s1:i64[1] = [8]
            const last:i64[1] = [-1]
            const s2:i64[1] = [16]
            const s3:i64[1] = [24]
            const heads:i64[3] = [4,2,4]
            const c:f32[] = [2.0]
            const flat:i64[2] = [4,8]
            const w_out:f32[8,8]
            const b_out:f32[8] = [0.0,-0.5,-1.0,-1.5,-2.0,-2.5,-3.0,-3.5]
            const seq:i64[3] = [4,1,8]
            t:f32[4,1,8] = Transpose(x) perm=[1,0,2]
            mm:f32[4,1,24] = MatMul(t, w_in)
            p:f32[4,1,24] = Add(b_in, mm)
            q0:f32[4,1,8] = Slice(p, s0, s1, last)
            k0:f32[4,1,8] = Slice(p, s1, s2, last)
            v0:f32[4,1,8] = Slice(p, s2, s3, last)
            q1:f32[4,2,4] = Reshape(q0, heads)
            k1:f32[4,2,4] = Reshape(k0, heads)
            v1:f32[4,2,4] = Reshape(v0, heads)
            q:f32[2,4,4] = Transpose(q1) perm=[1,0,2]
            qs:f32[2,4,4] = Div(q, c)
            k:f32[2,4,4] = Transpose(k1) perm=[1,2,0]
            s:f32[2,4,4] = MatMul(qs, k)
            a:f32[2,4,4] = Softmax(s) axis=-1
            v:f32[2,4,4] = Transpose(v1) perm=[1,0,2]
            o:f32[2,4,4] = MatMul(a, v)
            ot:f32[4,2,4] = Transpose(o) perm=[1,0,2]
            of:f32[4,8] = Reshape(ot, flat)
            y0:f32[4,8] = Gemm(of, w_out, b_out) transB=1
            y1:f32[4,1,8] = Reshape(y0, seq)
            y:f32[1,4,8] = Transpose(y1) perm=[1,0,2]
            output y
            """;

    /** The attention with an additive mask on the scores, before the Softmax. */
    private static String masked(String maskDecl) {
        return ATTENTION.replace("const flat:", maskDecl + "\nconst flat:")
                .replace("a:f32[2,4,4] = Softmax(s)", "sm:f32[2,4,4] = Add(s, mask)\na:f32[2,4,4] = Softmax(sm)");
    }

    private static Graph fused(String text) {
        Graph g = IrText.parse(text);
        new FuseMultiHeadAttention().run(g);
        new EliminateDeadNodes().run(g);
        return g;
    }

    @Test
    void thePatternBecomesOneNode() {
        assertEquals("""
                input x:f32[1,4,8]
                const q0_weight:f32[8,8]
                const q0_bias:f32[8] = [0.0,0.125,0.25,0.375,0.5,0.625,0.75,0.875]
                const k0_weight:f32[8,8]
                const k0_bias:f32[8] = [1.0,1.125,1.25,1.375,1.5,1.625,1.75,1.875]
                const v0_weight:f32[8,8]
                const v0_bias:f32[8] = [2.0,2.125,2.25,2.375,2.5,2.625,2.75,2.875]
                const w_out:f32[8,8]
                const y0_bias:f32[8] = [0.0,-0.5,-1.0,-1.5,-2.0,-2.5,-3.0,-3.5]
                y:f32[1,4,8] = MultiHeadAttention(x, q0_weight, q0_bias, k0_weight, k0_bias, v0_weight, v0_bias, \
                w_out, y0_bias) num_heads=2 scale=0.5
                output y
                """, IrText.print(fused(ATTENTION)));
        assertExact(ATTENTION, true);
    }

    @Test
    void aScaleOtherThanOneOverSqrtDIsTakenAsItIs() {
        String text = ATTENTION.replace("const c:f32[] = [2.0]", "const c:f32[] = [3.0]");
        assertTrue(IrText.print(fused(text)).contains("num_heads=2 scale=0.33333334"));
        assertExact(text, true);
    }

    @Test
    void masksOverEveryHeadOrPerHeadAreTakenIn() {
        assertExact(masked("const mask:f32[4,4]"), true);
        assertExact(masked("const mask:f32[2,4,4]"), true);
    }

    @Test
    void aScaleThatIsNotOneNumberStaysUnfused() {
        assertUnfused(ATTENTION.replace("const c:f32[] = [2.0]", "const c:f32[4] = [1.0,2.0,3.0,4.0]"));
    }

    @Test
    void aSoftmaxOverAnotherAxisStaysUnfused() {
        assertUnfused(ATTENTION.replace("Softmax(s) axis=-1", "Softmax(s) axis=1"));
    }

    @Test
    void aPackedWeightOfAnotherShapeStaysUnfused() {
        assertUnfused(ATTENTION.replace("const w_in:f32[8,24]", "const w_in:f32[1,8,24]"));
    }

    @Test
    void aMaskThatBroadcastsOtherwiseStaysUnfused() {
        assertUnfused(masked("const mask:f32[4,1] = [0.0,-1.0,0.5,-Infinity]"));
    }

    @Test
    void aKeyWithAnotherHeadCountStaysUnfused() {
        // the shapes say [4,4,2] for the keys: no graph a model computes, but the matcher must refuse it
        String text = ATTENTION.replace("const s3:", "const heads4:i64[3] = [4,4,2]\nconst s3:")
                .replace("k1:f32[4,2,4] = Reshape(k0, heads)", "k1:f32[4,4,2] = Reshape(k0, heads4)");
        assertEquals(IrText.print(IrText.parse(text)), IrText.print(fused(text)));
    }

    @Test
    void anIntermediateReadOutsideThePatternStaysUnfused() {
        assertUnfused(ATTENTION.replace("output y", "output y, a"));
    }

    /** The fusion leaves the graph exactly as it was, and the lowered graph computes the same. */
    private static void assertUnfused(String text) {
        assertEquals(IrText.print(IrText.parse(text)), IrText.print(fused(text)));
        assertExact(text, false);
    }

    /** Lowered with and without the fusion, the graph gives the same numbers in the executor. */
    private static void assertExact(String text, boolean fuses) {
        NcnnModel plain = lower(text, false);
        NcnnModel withFusion = lower(text, true);
        assertEquals(fuses, ParamWriter.toString(withFusion).contains("MultiHeadAttention"));
        assertFalse(ParamWriter.toString(plain).contains("MultiHeadAttention"));
        float[] x = new float[32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 2;
        }
        Mat in = Mat.of(new int[] {4, 8}, x);
        float[] want = run(plain, in);
        float[] got = run(withFusion, in);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "element " + i);
        }
    }

    private static NcnnModel lower(String text, boolean fuse) {
        Graph g = IrText.parse(text);
        PassPipeline p = new PassPipeline().repeat(1, new FoldConstants());
        if (fuse) {
            p.repeat(2, new FuseMultiHeadAttention(), new EliminateDeadNodes());
        }
        p.repeat(8, new MovesAsReshape(), new TransposeChains(), new FoldConstants(), new RemoveIdentity(),
                new MergeConsecutive(), new EliminateDeadNodes());
        p.run(g);
        return LowerToNcnn.lower(g);
    }

    private static float[] run(NcnnModel model, Mat in) {
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        try {
            BinWriter.write(model, bin, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        NcnnExecutor ex = NcnnExecutor.load(ParamWriter.toString(model), "mha.param",
                ByteBuffer.wrap(bin.toByteArray()).order(ByteOrder.LITTLE_ENDIAN), "mha.bin");
        return ex.run(Map.of("in0", in), List.of("out0")).get("out0").data();
    }
}

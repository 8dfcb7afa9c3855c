package dev.pnnxj.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.ir.Node;
import dev.pnnxj.ir.Subgraph;
import dev.pnnxj.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clean-up rewrites in passes/ stated as input IR ⇒ expected IR, each with a near miss left alone. */
class RewritesInIrTextTest {

    /** Runs the pass (and dead-node elimination) on the parsed input and prints the result. */
    private static String rewrite(Pass pass, String input) {
        Graph g = IrText.parse(input);
        pass.run(g);
        new EliminateDeadNodes().run(g);
        return IrText.print(g);
    }

    @Test
    void constantGatherOfOneIndexIsASliceAndASqueeze() {
        assertEquals("""
                input x:f32[1,5,8]
                const y_slice_starts:i64[1] = [4]
                const y_slice_ends:i64[1] = [5]
                const y_slice_axes:i64[1] = [1]
                const y_axes:i64[1] = [1]
                y_slice:f32[1,1,8] = Slice(x, y_slice_starts, y_slice_ends, y_slice_axes)
                y:f32[1,8] = Squeeze(y_slice, y_axes)
                output y
                """, rewrite(new RewriteConstantGather(), """
                input x:f32[1,5,8]
                const i:i64[] = [-1]
                y:f32[1,8] = Gather(x, i) axis=1
                output y
                """));
    }

    @Test
    void constantGatherOfAListIsOneSlicePerRun() {
        assertEquals("""
                input x:f32[1,5,8]
                const y_slice0_starts:i64[1] = [3]
                const y_slice0_ends:i64[1] = [5]
                const y_slice0_axes:i64[1] = [1]
                const y_slice1_starts:i64[1] = [0]
                const y_slice1_ends:i64[1] = [1]
                const y_slice1_axes:i64[1] = [1]
                y_slice0:f32[1,2,8] = Slice(x, y_slice0_starts, y_slice0_ends, y_slice0_axes)
                y_slice1:f32[1,1,8] = Slice(x, y_slice1_starts, y_slice1_ends, y_slice1_axes)
                y:f32[1,3,8] = Concat(y_slice0, y_slice1) axis=1
                output y
                """, rewrite(new RewriteConstantGather(), """
                input x:f32[1,5,8]
                const i:i64[3] = [3,4,0]
                y:f32[1,3,8] = Gather(x, i) axis=1
                output y
                """));
    }

    @Test
    void constantGatherOutOfRangeStays() {
        String input = """
                input x:f32[1,5,8]
                const i:i64[2] = [1,5]
                y:f32[1,2,8] = Gather(x, i) axis=1
                output y
                """;
        assertEquals(input, rewrite(new RewriteConstantGather(), input));
    }

    /** The factors' constants take the node names, so the Muls' outputs get numbered ones. */
    @Test
    void gemmOfTwoActivationsIsMatMulAndScaledBias() {
        assertEquals("""
                input a:f32[2,3]
                input b:f32[4,3]
                input c:f32[2,4]
                const y_beta:f32[] = [0.5]
                const y_alpha:f32[] = [2.0]
                y_bT:f32[3,4] = Transpose(b) perm=[1,0]
                y_beta_0:f32[2,4] = Mul@y_beta(c, y_beta)
                y_mm:f32[2,4] = MatMul(a, y_bT)
                y_alpha_1:f32[2,4] = Mul@y_alpha(y_mm, y_alpha)
                y:f32[2,4] = Add(y_alpha_1, y_beta_0)
                output y
                """, rewrite(new RewriteDataGemm(), """
                input a:f32[2,3]
                input b:f32[4,3]
                input c:f32[2,4]
                y:f32[2,4] = Gemm(a, b, c) transB=1 alpha=2.0 beta=0.5
                output y
                """));
    }

    @Test
    void gemmWithConstantWeightsStays() {
        String input = """
                input a:f32[2,3]
                const w:f32[4,3]
                y:f32[2,4] = Gemm(a, w) transB=1
                output y
                """;
        assertEquals(input, rewrite(new RewriteDataGemm(), input));
    }

    @Test
    void signTimesReluOfAbsIsTheValueItself() {
        assertEquals("""
                input x:f32[1,4]
                y:f32[1,4] = Identity(x)
                output y
                """, rewrite(new RewriteSignedMagnitude(), """
                input x:f32[1,4]
                s:f32[1,4] = Sign(x)
                a:f32[1,4] = Abs(x)
                r:f32[1,4] = Relu(a)
                y:f32[1,4] = Mul(r, s)
                output y
                """));
    }

    @Test
    void signTimesMagnitudeOfAnotherValueStays() {
        String input = """
                input x:f32[1,4]
                input z:f32[1,4]
                s:f32[1,4] = Sign(x)
                a:f32[1,4] = Abs(z)
                r:f32[1,4] = Relu(a)
                y:f32[1,4] = Mul(s, r)
                output y
                """;
        assertEquals(input, rewrite(new RewriteSignedMagnitude(), input));
    }

    private static final String WIDE_VIEW = """
            input x:f32[1,16,16]
            const six:i64[6] = [1,4,4,1,4,4]
            const c:f32[] = [2.0]
            const four:i64[4] = [16,1,4,4]
            v:f32[1,4,4,1,4,4] = Reshape(x, six)
            s:f32[1,4,4,1,4,4] = Div(v, c)
            y:f32[16,1,4,4] = Reshape(s, four)
            output y
            """;

    @Test
    void scalarOpOfAWideViewMovesBeforeIt() {
        assertEquals("""
                input x:f32[1,16,16]
                const c:f32[] = [2.0]
                const six:i64[6] = [1,4,4,1,4,4]
                const four:i64[4] = [16,1,4,4]
                s_early:f32[1,16,16] = Div(x, c)
                s:f32[1,4,4,1,4,4] = Reshape(s_early, six)
                y:f32[16,1,4,4] = Reshape(s, four)
                output y
                """, rewrite(new ScalarOpsBeforeWideReshape(), WIDE_VIEW));
    }

    @Test
    void scalarOpOfAWideViewReadElsewhereStays() {
        String input = WIDE_VIEW.replace("output y", "output y, v");
        assertEquals(input, rewrite(new ScalarOpsBeforeWideReshape(), input));
    }

    private static final String GUARDED_SQUEEZE = """
            input x:f32[1,4]
            const c:bool[] = [1]
            y:f32[4] = If(c, x)
            output y
            """;

    /** A branch squeezing axis 0 of the captured value, or (else) passing it through. */
    private static Graph guarded(String text) {
        Graph g = IrText.parse(text);
        Node cond = g.nodes().get(0);
        cond.set("then_branch", branch("Squeeze"));
        cond.set("else_branch", branch("Identity"));
        return g;
    }

    private static Subgraph branch(String op) {
        return new Subgraph() {
            @Override
            public List<String> captured() {
                return List.of("x");
            }

            @Override
            public List<Value> inline(Graph g, List<Value> captured) {
                return List.of(g.addNode(op, "branch_" + op, captured, List.of("branch_" + op)).output(0));
            }
        };
    }

    @Test
    void ifOfAConstantConditionIsTheBranchItPicks() {
        Graph g = guarded(GUARDED_SQUEEZE);
        new InlineConstantIf().run(g);
        assertEquals("""
                input x:f32[1,4]
                branch_Squeeze:? = Squeeze(x)
                y:f32[4] = Identity@y_0(branch_Squeeze)
                output y
                """, IrText.print(g));
    }

    @Test
    void ifOfADataConditionStays() {
        Graph g = guarded(GUARDED_SQUEEZE.replace("const c:bool[] = [1]", "input c:bool[]"));
        String before = IrText.print(g);
        new InlineConstantIf().run(g);
        assertEquals(before, IrText.print(g));
    }

    @Test
    void noOpsAreRemovedAndChainsMerge() {
        assertEquals("""
                input x:f32[1,2,3,4]
                const s2:i64[2] = [6,4]
                t2:f32[4,3,2,1] = Transpose(x) perm=[3,2,1,0]
                r2:f32[6,4] = Reshape(x, s2)
                output t2, r2
                """, rewrite(new MergeConsecutive(), rewrite(new RemoveIdentity(), """
                input x:f32[1,2,3,4]
                const s1:i64[3] = [2,3,4]
                const s2:i64[2] = [6,4]
                i:f32[1,2,3,4] = Identity(x)
                t1:f32[1,3,2,4] = Transpose(i) perm=[0,2,1,3]
                t2:f32[4,3,2,1] = Transpose(t1) perm=[3,1,2,0]
                r1:f32[2,3,4] = Reshape(i, s1)
                r2:f32[6,4] = Reshape(r1, s2)
                output t2, r2
                """)));
    }

    @Test
    void aNoOpWhoseRemovalWouldAliasAnInputStays() {
        String input = """
                input x:f32[1,4]
                y:f32[1,4] = Identity(x)
                output y
                """;
        assertEquals(input, rewrite(new RemoveIdentity(), input));
    }

    @Test
    void aReshapeToADataShapeIsNotMerged() {
        String input = """
                input x:f32[2,3,4]
                input s:i64[2]
                const s1:i64[2] = [6,4]
                r1:f32[6,4] = Reshape(x, s1)
                r2:f32[?,?] = Reshape(r1, s)
                output r2
                """;
        assertEquals(input, rewrite(new MergeConsecutive(), input));
    }
}

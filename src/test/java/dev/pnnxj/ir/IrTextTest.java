package dev.pnnxj.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The IR text form: parse and print are inverse, and what each part of a line means. */
class IrTextTest {
    private static final String TEXT = """
            input x:f32[1,8,16]
            input n:i64[?,2]
            const axes:i64[1] = [-1]
            const w:f32[16,16]
            const mask:f32[2] = [-Infinity,0.5]
            const eps:f32[] = [1.0E-5]
            m:f32[1,8,1] = ReduceMean(x, axes) keepdims=1
            d:f32[1,8,16] = Sub(x, m)
            y:f32[1,8,16] = MatMul(d, w)
            z:f32[1,8,16] = Gemm@proj(y, w, _) alpha=0.5 transB=1
            a:f32[1,8,8], b:f32[1,8,8] = Split(z, axes) axis=-1 perm=[0,2,1] scales=[1.0,2.5]
            s:f32 = Gelu(a) approximate="tanh" names=["p","q"]
            t:? = Where(mask, s, eps)
            output t, b
            """;

    /** Constants are listed in the order nodes first read them, so the text is canonical. */
    @Test
    void printOfParseIsTheText() {
        assertEquals(TEXT, IrText.print(IrText.parse(TEXT)));
    }

    @Test
    void partsOfALineBecomeTheGraph() {
        Graph g = IrText.parse(TEXT);
        assertEquals(List.of("x", "n"), g.inputs().stream().map(Value::name).toList());
        assertEquals(Shape.of(Shape.UNKNOWN, 2), g.value("n").shape());
        Node gemm = g.nodes().get(3);
        assertEquals("proj", gemm.name());
        assertNull(gemm.input(2));
        assertEquals(0.5f, gemm.getFloat("alpha", 1));
        assertEquals(1L, gemm.getInt("transB", 0));
        Node split = g.nodes().get(4);
        assertEquals("a", split.name());
        assertEquals(2, split.outputs().size());
        assertArrayEquals(new long[] {0, 2, 1}, split.getInts("perm"));
        assertArrayEquals(new float[] {1f, 2.5f}, split.getFloats("scales"));
        assertEquals("tanh", g.nodes().get(5).getString("approximate", null));
        assertArrayEquals(new String[] {"p", "q"}, (String[]) g.nodes().get(5).attrs().get("names"));
        assertNull(g.value("s").shape());
        assertNull(g.value("t").dtype());
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 0.5f}, g.value("mask").constant().toFloats());
        assertEquals(List.of("t", "b"), g.outputs().stream().map(Value::name).toList());
    }

    @Test
    void aConstantGivenByShapeIsTheSameEveryTimeAndInRange() {
        float[] w = IrText.parse(TEXT).value("w").constant().toFloats();
        assertArrayEquals(w, IrText.parse(TEXT).value("w").constant().toFloats());
        for (float f : w) {
            assertTrue(f >= -1 && f < 1, "" + f);
        }
        assertTrue(w[0] != w[1]);
    }

    @Test
    void errorsNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IrText.parse("input x:f32[1]\ny:f32[1] = Relu(q)\noutput y\n"));
        assertTrue(e.getMessage().startsWith("line 2: ") && e.getMessage().contains("unknown value q"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IrText.parse("input x:f32[1]\nx:f32[1] = Relu(x)\n"));
        assertThrows(IllegalArgumentException.class, () -> IrText.parse("input x:f99[1]\n"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        Graph g = IrText.parse("# a comment\n\ninput x:f32[2]\ny:f32[2] = Relu(x)\noutput y\n");
        assertEquals("input x:f32[2]\ny:f32[2] = Relu(x)\noutput y\n", IrText.print(g));
    }
}

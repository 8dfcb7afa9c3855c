package dev.pnnxj.ncnn.emit;

import static dev.pnnxj.ncnn.emit.TinyGraph.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Value;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.NcnnLayer;
import java.util.LinkedHashMap;
import dev.pnnxj.verify.Mat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReductionEmitterTest {
    @Test
    void meanOverSpatialAxesKeepingDims() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("ReduceMean", List.of(x, t.longs("axes", 2, 3)), s(1, 4, 1, 1)).set("keepdims", 1);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Reduction                reduction_0              1 1 in0 out0 0=3 1=0 -23303=2,1,2 4=1 5=1
                """, t.param());
    }

    @Test
    void negativeAxisWithoutKeepdims() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        t.op("ReduceSum", List.of(x, t.longs("axes", -1)), s(1, 4)).set("keepdims", 0);
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4
                Reduction                reduction_0              1 1 in0 out0 0=0 1=0 -23303=1,1 4=0 5=1
                """, t.param());
    }

    @Test
    void batchAxisIsLeftOutWhenDimsAreKept() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        t.op("ReduceMax", List.of(x, t.longs("axes", 0, 1)), s(1, 1, 6));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=6 1=4
                Reduction                reduction_0              1 1 in0 out0 0=4 1=0 -23303=1,0 4=1 5=1
                """, t.param());
    }

    @Test
    void noAxesReducesEveryAxis() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6, 8);
        t.op("ReduceL2", List.of(x), s(1, 1, 1, 1));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=8 1=6 2=4
                Reduction                reduction_0              1 1 in0 out0 0=8 1=0 -23303=3,0,1,2 4=1 5=1
                """, t.param());
    }

    @Test
    void noAxesWithNoopFlagIsNothing() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4);
        Value r = t.inner("ReduceSum", List.of(x), s(1, 4)).set("noop_with_empty_axes", 1).output(0);
        t.op("Ceil", List.of(r), s(1, 4));
        assertEquals("""
                7767517
                2 2
                Input                    input_0                  0 1 in0 0=4
                UnaryOp                  unaryop_0                1 1 in0 out0 0=3
                """, t.param());
    }

    @Test
    void reducingTheBatchAxisWithoutKeepdimsKeepsIt() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 2, 3);
        t.op("ReduceMean", List.of(x, t.longs("axes", 0, 2)), s(2)).set("keepdims", 0);
        assertEquals("""
                7767517
                3 3
                Input                    input_0                  0 1 in0 0=3 1=2
                Reshape                  reshape_0                1 1 in0 0 0=3 1=2 2=1
                Reduction                reduction_0              1 1 0 out0 0=3 1=0 -23303=2,0,2 4=0 5=1
                """, t.param());
        Mat y = t.run(Mat.of(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        assertEquals("[w=2]", y.shapeString());
        assertArrayEquals(new float[] {2, 5}, y.data());
    }

    @Test
    void dataDependentAxesAreRefused() {
        TinyGraph t = new TinyGraph();
        Value x = t.input("x", 1, 4, 6);
        Value axes = t.input("axes", 1);
        t.op("ReduceMean", List.of(x, axes), s(1, 4, 1));
        assertEquals("axes must be a constant (input 1 of ReduceMean depends on data)", t.refusal());
    }

    @Test
    void operationCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("ReduceSum", 0);
        codes.put("ReduceSumSquare", 2);
        codes.put("ReduceMean", 3);
        codes.put("ReduceMax", 4);
        codes.put("ReduceMin", 5);
        codes.put("ReduceProd", 6);
        codes.put("ReduceL1", 7);
        codes.put("ReduceL2", 8);
        codes.put("ReduceLogSum", 9);
        codes.put("ReduceLogSumExp", 10);
        codes.forEach((op, code) -> {
            TinyGraph t = new TinyGraph();
            t.op(op, List.of(t.input("x", 1, 4, 6), t.longs("axes", 2)), s(1, 4, 1));
            NcnnLayer l = LowerToNcnn.lower(t.g).layers.get(1);
            assertEquals("Reduction", l.type(), op);
            assertEquals("0=" + code + " 1=0 -23303=1,1 4=1 5=1", l.params.toParamString(), op);
        });
    }
}

package dev.pnnxj.ncnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ir.Shape;
import dev.pnnxj.ir.Tensor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class MemoryEstimateTest {
    /** in0 [3,4,4] -> Convolution c [8,4,4] -> Split -> ReLU r, then BinaryOp(r, c) -> out0 [8,4,4]. */
    public static NcnnModel residualNet() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", List.of(), List.of("in0"));
        NcnnLayer conv = layer(m, "Convolution", List.of("in0"), List.of("c"));
        conv.weights.add(new Weight("w", Tensor.ofFloats(Shape.of(8, 3, 3, 3), new float[216]), true));
        conv.weights.add(new Weight("b", Tensor.ofFloats(Shape.of(8), new float[8]), false));
        layer(m, "Split", List.of("c"), List.of("c_1", "c_2"));
        layer(m, "ReLU", List.of("c_1"), List.of("r"));
        layer(m, "BinaryOp", List.of("r", "c_2"), List.of("out0"));
        m.blobShapes.put("in0", new int[] {3, 4, 4});
        for (String b : List.of("c", "c_1", "c_2", "r", "out0")) {
            m.blobShapes.put(b, new int[] {8, 4, 4});
        }
        m.inputs.put("in0", "x");
        m.outputs.put("out0", "y");
        return m;
    }

    private static NcnnLayer layer(NcnnModel m, String type, List<String> bottoms, List<String> tops) {
        NcnnLayer l = new NcnnLayer(type, type.toLowerCase() + m.layers.size(), null);
        l.bottoms.addAll(bottoms);
        l.tops.addAll(tops);
        m.layers.add(l);
        return l;
    }

    @Test
    void peakKeepsBlobsUntilTheirLastReaderAndSplitSharesData() {
        MemoryEstimate e = MemoryEstimate.of(residualNet());
        // at the BinaryOp: c (kept for its Split copy c_2) + r + out0, 128 floats each; in0 freed after the conv
        assertEquals(3 * 128 * 4, e.peakBlobBytes());
        assertEquals((216 + 8) * 4, e.weightBytesFp32());
        assertEquals(216 * 2 + 8 * 4, e.weightBytesFp16());
        assertEquals(1536 + 896, e.peakBytes());
        assertEquals(Set.of("BinaryOp", "Convolution", "Input", "ReLU", "Split"), e.layerTypes());
    }

    @Test
    void networkOutputsStayAliveAndInputBlobsCountWhileRead() {
        NcnnModel m = new NcnnModel();
        layer(m, "Input", List.of(), List.of("in0"));
        layer(m, "ReLU", List.of("in0"), List.of("out0"));
        layer(m, "Sigmoid", List.of("in0"), List.of("out1"));
        m.blobShapes.put("in0", new int[] {10});
        m.blobShapes.put("out0", new int[] {20});
        m.blobShapes.put("out1", new int[] {30});
        m.outputs.put("out0", "a");
        m.outputs.put("out1", "b");
        // at the Sigmoid: in0 (read) + out0 (an output) + out1
        assertEquals((10 + 20 + 30) * 4, MemoryEstimate.of(m).peakBlobBytes());
    }
}

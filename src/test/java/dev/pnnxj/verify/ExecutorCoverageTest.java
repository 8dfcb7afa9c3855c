package dev.pnnxj.verify;

import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.verify.layers.Layers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference executor can run every network the converter can write. */
class ExecutorCoverageTest {
    @Test
    void everyLayerTypeTheConverterWritesIsExecutable() {
        assertTrue(LowerToNcnn.layerTypes().contains("Convolution"), "the emitters' declarations are read");
        List<String> missing = LowerToNcnn.layerTypes().stream().filter(t -> !Layers.isKnown(t)).toList();
        assertEquals(List.of(), missing, "layer types an emitter writes but the reference executor cannot run");
    }
}

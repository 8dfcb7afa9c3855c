package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pnnxj.ncnn.NcnnLayer;
import dev.pnnxj.ncnn.NcnnModel;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EfficientPhys-style model: frames in the batch axis, temporal shift through ScatterND. */
class VideoModelsTest {
    @TempDir
    Path out;

    private NcnnModel convert(String model, String sub) {
        ConvertOptions o = ConvertOptions.parse(Path.of("testdata/models", model + ".onnx"), List.of(
                "inputshape=[10,3,36,36]", "ncnnparam=" + out.resolve(sub + ".param"),
                "ncnnbin=" + out.resolve(sub + ".bin"), "ncnnpy=" + out.resolve(sub + ".py")));
        return Converter.convert(o).model();
    }

    private static String layerTypes(NcnnModel m) {
        return m.layers.stream().map(NcnnLayer::type).collect(Collectors.joining(" "));
    }

    @Test
    void staticAndDynamicBatchExportsGiveTheSameNetworkWithTheFramesKept() {
        NcnnModel fixed = convert("efficientphys", "a");
        NcnnModel dynamic = convert("efficientphys_dyn", "b");
        assertEquals(layerTypes(fixed), layerTypes(dynamic));
        assertArrayEquals(new int[] {10, 3, 36, 36}, fixed.blobShapes.get("in0"));
        assertArrayEquals(new int[] {10, 1}, fixed.blobShapes.get("out0"));
        // the shift is two Concats over frames of a Crop and a zero frame, joined on channels
        assertEquals("Input Reshape ConvolutionDepthWise Reshape TanH Split Crop Crop Crop Crop Crop MemoryData Concat "
                + "MemoryData Concat Concat Reshape ConvolutionDepthWise Reshape TanH Split Reshape ConvolutionDepthWise "
                + "Reshape Sigmoid Split Reduction BinaryOp BinaryOp BinaryOp BinaryOp BinaryOp Reshape Pooling Reshape "
                + "Gemm TanH Gemm", layerTypes(fixed));
        assertFalse(layerTypes(fixed).contains("ScatterND"));
    }
}

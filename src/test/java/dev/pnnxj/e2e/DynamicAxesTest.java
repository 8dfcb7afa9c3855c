package dev.pnnxj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.ncnn.NcnnLayer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exports with dynamic batch/height/width convert with {@code inputshape=} to the same ncnn layers
 * as their static twins: all Shape/Gather/Unsqueeze/Concat glue folds away.
 */
class DynamicAxesTest {
    private static final Path MODELS = Path.of("testdata/models");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"dyn_resnet", "dyn_mobilenet", "dyn_yolo", "dyn_fcn"})
    void dynamicExportLowersToTheStaticLayers(String name) {
        String shape = name.equals("dyn_yolo") ? "[1,3,64,64]" : "[1,3,32,32]";
        List<String> dynamic = layerTypes(name, shape);
        List<String> fixed = layerTypes(name + "_static", shape);
        assertEquals(fixed, dynamic);
    }

    private List<String> layerTypes(String name, String shape) {
        Path dir = out.resolve(name);
        ConvertOptions o = ConvertOptions.parse(MODELS.resolve(name + ".onnx"), List.of("inputshape=" + shape,
                "ncnnparam=" + dir + ".param", "ncnnbin=" + dir + ".bin", "ncnnpy=" + dir + ".py"));
        return Converter.convert(o).model().layers.stream().map(NcnnLayer::type).toList();
    }
}

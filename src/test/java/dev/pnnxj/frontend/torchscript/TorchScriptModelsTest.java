package dev.pnnxj.frontend.torchscript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.e2e.TestdataModelsTest;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ncnn.NcnnModel;
import dev.pnnxj.util.Npy;
import dev.pnnxj.verify.Mat;
import dev.pnnxj.verify.Metrics;
import dev.pnnxj.verify.NcnnExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The traced and scripted models of testdata/torchscript: the IR the reader makes is compared
 * with a golden listing, and each model is converted, its .param checked for the expected layers,
 * and run by the independent ncnn executor against PyTorch's output (cosine >= 0.9999, max error
 * <= 1e-3 x max|ref|).
 */
class TorchScriptModelsTest {
    static final Path DIR = Path.of("testdata/torchscript");
    static final Path GOLDEN = Path.of("src/test/resources/golden/torchscript");

    /** Layer types of the converted .param, in order. */
    static final Map<String, List<String>> LAYERS = Map.ofEntries(
            Map.entry("tiny_cnn", List.of("Input", "Convolution", "Pooling", "Convolution", "Pooling", "InnerProduct")),
            Map.entry("mobile_block", List.of("Input", "Split", "Convolution", "ConvolutionDepthWise", "Split", "Pooling", "InnerProduct",
                    "InnerProduct", "BinaryOp", "Convolution", "BinaryOp")),
            Map.entry("resnet_block", List.of("Input", "Split", "Convolution", "Convolution", "BinaryOp", "ReLU", "Split",
                    "Convolution", "Convolution", "Convolution", "BinaryOp", "ReLU")),
            Map.entry("scripted", List.of("Input", "Convolution", "Split", "BinaryOp", "Swish", "BinaryOp", "Pooling",
                    "InnerProduct", "Softmax")),
            Map.entry("tensor_ops", List.of("Input", "Split", "Convolution", "Interp", "Slice", "Split", "Split", "Reshape",
                    "BinaryOp", "BinaryOp", "Reduction", "Concat", "PixelShuffle", "Interp", "Crop", "Crop", "BinaryOp",
                    "Permute", "Reshape")),
            Map.entry("lstm", List.of("Input", "LSTM", "LSTM", "Gemm")),
            Map.entry("views", List.of("Input", "MemoryData", "BinaryOp")),
            Map.entry("layernorm2d", List.of("Input", "Convolution", "Permute", "LayerNorm", "Permute", "Convolution", "Reshape",
                    "Gemm", "LayerNorm")),
            Map.entry("transformer", List.of("Input", "Split", "MultiHeadAttention", "BinaryOp", "LayerNorm", "Split", "Gemm",
                    "GELU", "Gemm", "BinaryOp", "LayerNorm", "Split", "MultiHeadAttention", "BinaryOp", "LayerNorm",
                    "Split", "Gemm", "GELU", "Gemm", "BinaryOp", "LayerNorm")),
            Map.entry("tsm", List.of("Input", "Reshape", "ConvolutionDepthWise", "Reshape", "TanH", "Split", "Crop", "Crop", "Crop",
                    "Crop", "Crop", "MemoryData", "Concat", "MemoryData", "Concat", "Concat", "Reshape",
                    "ConvolutionDepthWise", "Reshape", "TanH", "Split", "Reshape", "ConvolutionDepthWise", "Reshape",
                    "Sigmoid", "Split", "Reduction", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp", "BinaryOp",
                    "Reshape", "Pooling", "Reshape", "Gemm", "TanH", "Gemm")),
            Map.entry("attention_fastpath", List.of("Input", "MultiHeadAttention", "Gemm")));

    @TempDir
    Path out;

    static Stream<Arguments> models() throws IOException {
        JsonNode index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
        List<Arguments> args = new ArrayList<>();
        for (Iterator<String> it = index.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            args.add(Arguments.of(name, index.get(name).get("inputshape").asText()));
        }
        return args.stream();
    }

    private static Graph read(String name, String inputshape) {
        return TorchScriptReader.read(DIR.resolve(name + ".pt"), Scripts.shapes(inputshape));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readerMakesTheGoldenGraph(String name, String inputshape) throws IOException {
        String actual = GraphText.of(read(name, inputshape));
        Path golden = GOLDEN.resolve(name + ".ir.txt");
        if (!Files.exists(golden)) {
            Files.createDirectories(Path.of("target/golden-actual"));
            Files.writeString(Path.of("target/golden-actual").resolve(name + ".ir.txt"), actual);
        }
        assertEquals(Files.readString(golden), actual, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readerGraphRunsInOnnxRuntimeLikePyTorch(String name, String inputshape) throws Exception {
        Npy input = Npy.read(DIR.resolve(name + ".input.npy"));
        long[] shape = Arrays.stream(input.intShape()).asLongStream().toArray();
        float[] actual = OnnxRuntimeCheck.run(read(name, inputshape), shape, input.toFloats());
        Metrics m = Metrics.of(actual, Npy.read(DIR.resolve(name + ".expected.npy")).toFloats());
        assertTrue(m.within(0.9999, 1e-4), name + ": " + m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void convertedModelHasTheExpectedLayersAndMatchesPyTorch(String name, String inputshape) throws IOException {
        Path param = out.resolve(name + ".ncnn.param");
        Path bin = out.resolve(name + ".ncnn.bin");
        NcnnModel model = Converter.convert(ConvertOptions.parse(DIR.resolve(name + ".pt"), List.of(
                "inputshape=" + inputshape, "fp16=0", "ncnnparam=" + param, "ncnnbin=" + bin,
                "ncnnpy=" + out.resolve(name + "_ncnn.py")))).model();
        List<String> types = Files.readAllLines(param).stream().skip(2).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(LAYERS.get(name), types, name + " layers (add them to LAYERS once checked)");

        Mat in = TestdataModelsTest.asInputBlob(Npy.read(DIR.resolve(name + ".input.npy")), model.blobShapes.get("in0"));
        Mat actual = NcnnExecutor.load(param, bin).run(Map.of("in0", in), List.of("out0")).get("out0");
        Npy expected = Npy.read(DIR.resolve(name + ".expected.npy"));
        assertEquals(expected.count(), actual.total(), name + " output size, ncnn shape " + actual.shapeString());
        Metrics m = Metrics.of(actual.data(), expected.toFloats());
        assertTrue(m.within(0.9999, 1e-3), name + ": " + m);
    }
}

package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pnnxj.ncnn.NcnnLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The testdata models whose patterns must come out of a conversion as single ncnn layers. */
class FusedLayersTest {
    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gelu_erf, GELU=1",
        "bias_adds, Convolution=1 Deconvolution=1 InnerProduct=1 BinaryOp=0",
        "activations, Mish=1",
        "layernorm2d_op13, LayerNorm=1 Permute=2 Reduction=0 BinaryOp=0",
        "layernorm2d_op17, LayerNorm=1 Permute=2 Reduction=0 BinaryOp=0",
        "layernorm_last_op13, LayerNorm=1 Reduction=0 BinaryOp=0",
        "layernorm_last_op17, LayerNorm=1",
        "lstm2, LSTM=2 Gemm=1 Permute=0 Reshape=0",
        "bilstm, LSTM=1 Gemm=1 Permute=0 Reshape=0",
        "gru, GRU=1 Gemm=1 Permute=0 Reshape=0",
        "rnn, RNN=2 Gemm=1 Permute=0 Reshape=0",
        "grab_bag, PixelShuffle=1 ShuffleChannel=1 Permute=1",
        "transformer_op13, MultiHeadAttention=2 MatMul=0 Softmax=0",
        "transformer_op14, MultiHeadAttention=2 MatMul=0 Softmax=0",
        "mha_seqfirst, MultiHeadAttention=1 MatMul=0 Softmax=0 Permute=0",
        "transformer_causal, MultiHeadAttention=1 MemoryData=1 MatMul=0 Softmax=0",
        "vit, MultiHeadAttention=4 MatMul=0 Softmax=0",
    })
    void conversionHasTheFusedLayer(String model, String expected) {
        Map<String, Long> counts = layerCounts(model);
        for (String want : expected.split(" ")) {
            String[] kv = want.split("=");
            assertEquals(Long.parseLong(kv[1]), counts.getOrDefault(kv[0], 0L), counts.toString());
        }
    }

    /** Layer totals fused (optlevel=2) and op by op (optlevel=0); both match PyTorch (TestdataModelsTest). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "transformer_op13, 21, 129",
        "transformer_op14, 21, 129",
        "vit, 52, 272",
        "mha_seqfirst, 9, 31",
        "masked_attention, 12, 17",
        "transformer_causal, 12, 63",
        "layernorm2d_op13, 6, 16",
        "gelu_erf, 3, 8",
    })
    void fusingMakesFewerLayers(String model, long fused, long opByOp) {
        long total2 = layerCounts(model, 2).values().stream().mapToLong(Long::longValue).sum();
        long total0 = layerCounts(model, 0).values().stream().mapToLong(Long::longValue).sum();
        assertEquals(List.of(fused, opByOp), List.of(total2, total0));
    }

    private Map<String, Long> layerCounts(String model) {
        return layerCounts(model, 2);
    }

    private Map<String, Long> layerCounts(String model, int optlevel) {
        Path onnx = Path.of("testdata/models", model + ".onnx");
        ConvertOptions o = ConvertOptions.parse(onnx, List.of("optlevel=" + optlevel,
                "ncnnparam=" + out.resolve("m.param"), "ncnnbin=" + out.resolve("m.bin"),
                "ncnnpy=" + out.resolve("m.py")));
        Map<String, Long> counts = new TreeMap<>();
        for (NcnnLayer l : Converter.convert(o).model().layers) {
            counts.merge(l.type(), 1L, Long::sum);
        }
        return counts;
    }
}

package dev.pnnxj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import dev.pnnxj.convert.ConvertOptions;
import dev.pnnxj.convert.Converter;
import dev.pnnxj.verify.ModelComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data a page shows: layers with their source nodes, unsupported nodes, and blob errors. */
class ReportDataTest {
    @TempDir
    Path dir;

    static ConvertOptions options(Path model, Path dir, String... extra) {
        List<String> kv = new ArrayList<>(List.of("ncnnparam=" + dir.resolve("m.ncnn.param"),
                "ncnnbin=" + dir.resolve("m.ncnn.bin"), "ncnnpy=" + dir.resolve("m_ncnn.py")));
        kv.addAll(List.of(extra));
        return ConvertOptions.parse(model, kv);
    }

    private static ReportData.GraphNode node(ReportData d, String name) {
        return d.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                name + " not in " + d.nodes().stream().map(ReportData.GraphNode::name).toList()));
    }

    private static List<String> sourceOps(ReportData.GraphNode n) {
        return n.sources().stream().map(SourceNode::op).collect(Collectors.toList());
    }

    @Test
    void aFusedLayerNormListsEveryOnnxNodeItWasMadeFrom() {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = options(ReportModels.LAYERNORM2D, dir);
        ReportData d = ReportBuilder.converted(o.model(), Converter.convert(o, List.of(), trace), trace);
        assertEquals("converted", d.status());
        assertEquals(List.of("Input", "Convolution", "Permute", "LayerNorm", "Permute", "Convolution"),
                d.nodes().stream().map(ReportData.GraphNode::type).toList());
        ReportData.GraphNode ln = node(d, "layernorm_0");
        // the Transposes FuseLayerNorm puts around the LayerNormalization come from the same nodes
        List<String> fused = List.of("ReduceMean", "Sub", "Pow", "ReduceMean", "Add", "Sqrt", "Div", "Mul", "Add");
        for (String layer : List.of("permute_0", "layernorm_0", "permute_1")) {
            assertEquals(fused, sourceOps(node(d, layer)), layer);
            assertEquals(ln.group(), node(d, layer).group());
        }
        assertEquals(List.of(new ReportData.Group(ln.group(), "9 nodes: ReduceMean, Sub, Pow, Add, Sqrt, Div, Mul")),
                d.groups());
        assertNull(node(d, "convolution_0").group());
        assertEquals(64, ln.weightBytes());
        assertEquals(List.of("Conv"), sourceOps(node(d, "convolution_0")));
        assertEquals(List.of(8, 8, 8), d.blobs().get(ln.tops().get(0)).shape());
        assertTrue(node(d, "convolution_0").params().startsWith("0=8 1=3"), node(d, "convolution_0").params());
        assertNull(d.firstDiverging());
    }

    @Test
    void aReluFusedIntoAConvolutionIsAmongItsSources() {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = options(ReportModels.TINY_CNN, dir, "inputshape=[1,3,32,32]");
        ReportData d = ReportBuilder.converted(o.model(), Converter.convert(o, List.of(), trace), trace);
        // the BatchNormalization was folded into the Conv, the Relu fused into the Convolution layer
        assertEquals(List.of("Conv", "BatchNormalization", "Relu"), sourceOps(node(d, "convolution_0")));
    }

    @Test
    void anUnsupportedConversionShowsTheIrGraphWithTheReportedNodeMarked() {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = options(ReportModels.unsupported(dir), dir);
        ConversionException e = assertThrows(ConversionException.class, () -> Converter.convert(o, List.of(), trace));
        ReportData d = ReportBuilder.failed(o.model(), e, trace);
        assertEquals("unsupported", d.status());
        assertEquals(List.of("Input", "Relu", "CustomNorm", "Relu"), d.nodes().stream().map(ReportData.GraphNode::type).toList());
        ReportData.GraphNode bad = node(d, ReportModels.HOSTILE_OP_NODE);
        assertTrue(bad.problem().endsWith("[unknown op]"), bad.problem());
        assertEquals(List.of("r"), bad.bottoms());
        assertNull(node(d, ReportModels.HOSTILE).problem());
        assertEquals(ReportModels.HOSTILE_OP_NODE, d.problems().get(0).node());
        assertEquals(List.of("unknown_op", "upstream"), d.problems().stream().map(ReportData.Problem::kind).toList());
        assertTrue(node(d, "after").problem().endsWith("[upstream]"), node(d, "after").problem());
        assertTrue(Files.notExists(o.ncnnParam()));
    }

    @Test
    void aFailureBeforeAnyGraphShowsTheMessageAlone() {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = options(dir.resolve("absent.onnx"), dir);
        ConversionException e = assertThrows(ConversionException.class, () -> Converter.convert(o, List.of(), trace));
        ReportData d = ReportBuilder.failed(o.model(), e, trace);
        assertEquals("error", d.status());
        assertTrue(d.nodes().isEmpty());
        assertTrue(d.message().contains("does not exist"), d.message());
    }

    @Test
    void comparedBlobsCarryTheirErrorAndTheFirstDivergingLayerIsNamed() throws IOException {
        ConversionTrace trace = new ConversionTrace();
        ConvertOptions o = options(ReportModels.TINY_CNN, dir, "inputshape=[1,3,32,32]", "fp16=0");
        Converter.Result r = Converter.convert(o, List.of(), trace);
        ReportModels.damageConvolution1(o.ncnnBin());
        ModelComparison.Options opts = new ModelComparison.Options(Map.of(), 0, 0.9999, 1e-3, Double.POSITIVE_INFINITY, true);
        ModelComparison.Result c = ModelComparison.compare(o.model(), o.inputShapes(), o.ncnnParam(), o.ncnnBin(), opts);
        ReportData d = ReportBuilder.compared(ReportBuilder.converted(o.model(), r, trace), c);
        assertEquals("mismatch", d.status());
        assertEquals("layer:convolution_1", d.firstDiverging());
        ReportData.BlobInfo before = d.blobs().get(node(d, "convolution_0").tops().get(0));
        ReportData.BlobInfo after = d.blobs().get(node(d, "convolution_1").tops().get(0));
        assertTrue(before.maxAbs() < 1e-4 && before.cosine() > 0.9999, before.toString());
        assertTrue(after.maxAbs() > 100 && after.cosine() < 0.1, after.toString());
        assertEquals(1, d.outputs().size());
        assertTrue(!d.outputs().get(0).pass());
    }

    @Test
    void theGraphOfGivenFilesComesFromTheParamAndTheManifest() {
        ConvertOptions o = options(ReportModels.TINY_CNN, dir, "inputshape=[1,3,32,32]", "fp16=0");
        Converter.convert(o);
        ReportData d = ReportBuilder.fromFiles(o.model(), o.ncnnParam(), o.ncnnBin());
        assertEquals(7, d.nodes().size());
        ReportData.GraphNode conv = node(d, "convolution_1");
        assertEquals(4676, conv.weightBytes());
        assertEquals("/conv2/Conv", conv.irNode());
        assertTrue(conv.params().startsWith("0=16 1=3"), conv.params());
    }
}

package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.Graph;
import dev.pnnxj.ir.IrText;
import dev.pnnxj.ncnn.BatchLayouts;
import dev.pnnxj.ncnn.LowerToNcnn;
import dev.pnnxj.ncnn.PreLowering;
import dev.pnnxj.ncnn.UnsupportedNodesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lowering reads a frozen graph: for every testdata model and op case, at optlevel 2 and 0, the
 * graph's IR text after {@link PreLowering} is the same once {@link LowerToNcnn} has run, whether
 * the lowering succeeded or refused nodes.
 */
class LoweringLeavesGraphTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> models() throws IOException {
        List<Arguments> args = new ArrayList<>();
        Path models = Path.of("testdata/models");
        for (JsonNode m : JSON.readTree(models.resolve("index.json").toFile()).get("models")) {
            add(args, models.resolve(m.get("onnx").asText()), m.get("inputshape").asText());
        }
        Path torchscript = Path.of("testdata/torchscript");
        JsonNode scripts = JSON.readTree(torchscript.resolve("index.json").toFile());
        for (Iterator<String> it = scripts.fieldNames(); it.hasNext(); ) {
            JsonNode m = scripts.get(it.next());
            add(args, torchscript.resolve(m.get("file").asText()), m.get("inputshape").asText());
        }
        try (Stream<Path> topics = Files.list(Path.of("testdata/ops"))) {
            for (Path dir : topics.filter(d -> Files.exists(d.resolve("index.json"))).sorted().toList()) {
                for (JsonNode c : JSON.readTree(dir.resolve("index.json").toFile()).get("cases")) {
                    for (JsonNode format : c.get("formats")) {
                        add(args, dir.resolve(c.get("name").asText() + "." + format.asText()),
                                c.get("inputshape").asText());
                    }
                }
            }
        }
        return args.stream();
    }

    private static void add(List<Arguments> args, Path model, String inputshape) {
        for (int optlevel : new int[] {2, 0}) {
            args.add(Arguments.of(model, inputshape, optlevel));
        }
    }

    @ParameterizedTest(name = "{0} optlevel={2}")
    @MethodSource("models")
    void loweringLeavesTheIrAsItWas(Path model, String inputshape, int optlevel) {
        ConvertOptions o = ConvertOptions.parse(model, List.of("inputshape=" + inputshape, "optlevel=" + optlevel));
        Graph g;
        BatchLayouts layouts;
        try {
            g = Frontends.read(o.model(), o.inputShapes());
            Converter.applyInputShapes(g, o.inputShapes(), "inputshape");
            StandardPasses.run(g, o.optLevel());
            layouts = PreLowering.run(g);
        } catch (ConversionException e) {
            Assumptions.abort("refused before lowering: " + e.getMessage());
            return;
        }
        String before = IrText.print(g);
        try {
            LowerToNcnn.lower(g, layouts, Set.of());
        } catch (UnsupportedNodesException e) {
            // a refusal must leave the graph alone too
        }
        assertFalse(g.isFrozen(), "lowering thaws the graph when it ends");
        assertEquals(before, IrText.print(g), model + ": lowering changed the graph");
    }
}

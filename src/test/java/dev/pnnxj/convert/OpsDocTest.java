package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnnxj.frontend.torchscript.TorchScriptReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ops.md is what {@link OpsTable} makes from the code's tables and the TorchScript archives
 * of testdata/ops and testdata/torchscript;
 * {@code -Dops.update=true} rewrites it instead of comparing.
 */
class OpsDocTest {
    private static final Path DOC = Path.of("docs/ops.md");
    private static final Path OPS = Path.of("testdata/ops");
    private static final Path TORCHSCRIPT = Path.of("testdata/torchscript");
    private static final List<String> PACKAGES = List.of("frontend.onnx", "frontend.torchscript", "passes", "passes.fuse",
            "passes.relayout");

    @Test
    void docsOpsMdIsCurrent() throws IOException {
        String md = OpsTable.markdown(atenIrOps());
        if (Boolean.getBoolean("ops.update")) {
            Files.writeString(DOC, md);
            return;
        }
        String onDisk = Files.exists(DOC) ? Files.readString(DOC) : "";
        assertEquals(md, onDisk, "run `mvn -Dops.update=true -Dtest=OpsDocTest test` to refresh docs/ops.md");
    }

    @Test
    void namedPassesExist() {
        for (String name : OpsTable.passNames()) {
            assertTrue(PACKAGES.stream().anyMatch(p -> exists("dev.pnnxj." + p + "." + name)),
                    name + " is named in OpsTable but is no class in " + PACKAGES);
        }
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, OpsDocTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** aten op → IR ops, merged over every op case that has a .pt archive. */
    private static Map<String, Set<String>> atenIrOps() throws IOException {
        Map<String, Set<String>> all = new TreeMap<>();
        try (Stream<Path> topics = Files.list(OPS)) {
            for (Path dir : topics.filter(d -> Files.exists(d.resolve("index.json"))).sorted().toList()) {
                JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
                for (JsonNode c : index.get("cases")) {
                    Path pt = dir.resolve(c.get("name").asText() + ".pt");
                    if (!Files.exists(pt)) {
                        continue;
                    }
                    trace(pt, c.get("inputshape").asText(), all);
                }
            }
        }
        JsonNode models = new ObjectMapper().readTree(TORCHSCRIPT.resolve("index.json").toFile());
        for (JsonNode m : models) {
            trace(TORCHSCRIPT.resolve(m.get("file").asText()), m.get("inputshape").asText(), all);
        }
        return all;
    }

    private static void trace(Path pt, String inputShape, Map<String, Set<String>> into) {
        TorchScriptReader.atenIrOps(pt, InputShape.parseList("inputshape", inputShape))
                .forEach((aten, ir) -> into.computeIfAbsent(aten, k -> new TreeSet<>()).addAll(ir));
    }
}

package dev.pnnxj.ncnn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Param ids live in the schema only: the converter (ncnn/) and the executor (verify/) name params
 * by their schema entry, so a literal id passed to a param accessor, or an array of ids, is a
 * regression.
 */
class NoParamIdLiteralsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pnnxj");
    private static final Path SCHEMA = MAIN.resolve("ncnn/layer");

    /** A digit as the first argument of a ParamDict / LayerParams accessor, e.g. {@code params.put(0, n)}. */
    private static final Pattern ACCESSOR = Pattern.compile(
            "\\b(params|p|pd|host\\.params|la\\.params|lb\\.params)\\s*\\.\\s*"
                    + "(put|getInt|getFloat|getInts|getFloats|getString|has|remove|kind|get)\\(\\s*-?\\d");
    /** Chained puts, e.g. {@code .put(0, a).put(1, b)}. */
    private static final Pattern CHAINED = Pattern.compile("\\)\\s*\\.put\\(\\s*-?\\d");

    @Test
    void noIntegerParamIdOutsideTheSchema() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path dir : List.of(MAIN.resolve("ncnn"), MAIN.resolve("verify"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(SCHEMA)).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (ACCESSOR.matcher(line).find() || CHAINED.matcher(line).find()) {
                            hits.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + line.trim());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}

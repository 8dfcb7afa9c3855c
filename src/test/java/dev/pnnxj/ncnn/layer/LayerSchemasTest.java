package dev.pnnxj.ncnn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ncnn.LowerToNcnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Checks every schema against ncnn's operators.md (the sections of our layer types, copied to
 * src/test/resources/ncnn/operators.md): the same param ids, and for each its name, value type and
 * default, and the same weights in the same order with the load type their doc type implies.
 */
class LayerSchemasTest {
    private static final Path DOC = Path.of("src/test/resources/ncnn/operators.md");
    private static final String NCNN_COMMIT = "a4d2ea1d4422c9e849f166fd7a4aefb52f942f6a";

    /**
     * Where operators.md is wrong or silent, checked against the layer's load_param in ncnn's
     * src/layer/*.cpp at the same commit; each entry must still differ from the doc, so a fixed doc
     * shows up here. Key: "Type id", or "Type weight name" for the doc's weight of that name.
     */
    private static final Map<String, String> DOC_EXCEPTIONS = Map.ofEntries(
            Map.entry("Padding 7", "front: the doc says default stride_w, padding.cpp reads 0"),
            Map.entry("Padding 8", "behind: the doc says default pad_left, padding.cpp reads 0"),
            Map.entry("Reshape 3", "permute: old ncnn's, which current ncnn ignores; the executor rejects it"),
            Map.entry("Reshape 12", "input_batch_axis: undocumented, read by reshape.cpp"),
            Map.entry("Reshape 13", "output_batch_axis: undocumented, read by reshape.cpp"),
            Map.entry("RNN 8", "int8_scale_term: undocumented, read by rnn.cpp"),
            Map.entry("GRU 8", "int8_scale_term: undocumented, read by gru.cpp"),
            Map.entry("LSTM 8", "int8_scale_term: undocumented, read by lstm.cpp"),
            Map.entry("Embed weight weight_data", "the doc says float, embed.cpp loads it tagged (type 0)"),
            Map.entry("Gemm weight C_data", "the doc says float, gemm.cpp loads a constant C tagged (type 0)"),
            Map.entry("Embed weight bias_term", "the doc names the bias weight after its param, embed.cpp bias_data"));

    private record DocParam(int id, String name, String type, String dflt) {
    }

    private record DocWeight(String name, String type) {
    }

    private record Section(Map<Integer, DocParam> params, List<DocWeight> weights) {
    }

    @Test
    void resourceNamesTheNcnnCommit() throws IOException {
        assertTrue(Files.readAllLines(DOC).get(0).contains(NCNN_COMMIT));
    }

    @Test
    void everyLayerTypeTheConverterWritesHasASchema() {
        Set<String> missing = new TreeSet<>(LowerToNcnn.layerTypes());
        missing.removeAll(LayerSchemas.all().keySet());
        assertEquals(Set.of(), missing);
    }

    @Test
    void everySchemaMatchesOperatorsMd() throws IOException {
        Map<String, Section> doc = parse(Files.readAllLines(DOC));
        List<String> problems = new ArrayList<>();
        Set<String> excused = new TreeSet<>();
        for (LayerSchema schema : LayerSchemas.all().values()) {
            String type = schema.type();
            Section section = doc.get(type);
            if (section == null) {
                problems.add(type + ": no section in operators.md");
                continue;
            }
            Map<Integer, Param> ours = new LinkedHashMap<>();
            for (Param p : schema.params()) {
                if (ours.put(p.id(), p) != null) {
                    problems.add(type + ": two params with id " + p.id());
                }
            }
            Set<Integer> ids = new TreeSet<>(ours.keySet());
            ids.addAll(section.params().keySet());
            for (int id : ids) {
                String difference = difference(ours.get(id), section.params().get(id));
                String key = type + " " + id;
                if (DOC_EXCEPTIONS.containsKey(key)) {
                    excused.add(key);
                    if (difference == null) {
                        problems.add(key + ": listed as a doc exception but matches operators.md");
                    }
                } else if (difference != null) {
                    problems.add(key + ": " + difference);
                }
            }
            List<String> weights = schema.weights().stream()
                    .map(w -> w.name() + ":" + w.loadType()).toList();
            List<String> docWeights = section.weights().stream()
                    .map(w -> w.name() + ":" + loadType(w.type())).toList();
            if (weights.size() != docWeights.size()) {
                problems.add(type + ": weights " + weights + ", operators.md " + docWeights);
                continue;
            }
            for (int i = 0; i < weights.size(); i++) {
                boolean differs = !weights.get(i).equals(docWeights.get(i));
                String key = type + " weight " + section.weights().get(i).name();
                if (DOC_EXCEPTIONS.containsKey(key)) {
                    excused.add(key);
                    if (!differs) {
                        problems.add(key + ": listed as a doc exception but matches operators.md");
                    }
                } else if (differs) {
                    problems.add(type + ": weight " + weights.get(i) + ", operators.md " + docWeights.get(i));
                }
            }
        }
        Set<String> stale = new TreeSet<>(DOC_EXCEPTIONS.keySet());
        stale.removeAll(excused);
        stale.forEach(k -> problems.add(k + ": doc exception for a param or weight no schema has"));
        assertEquals(List.of(), problems);
    }

    /** Null when the schema's param and the doc's row agree, else what differs. */
    private static String difference(Param ours, DocParam doc) {
        if (ours == null) {
            return "operators.md has " + doc.name() + ", the schema does not";
        }
        if (doc == null) {
            return "the schema has " + ours.name() + ", operators.md does not";
        }
        if (!ours.name().equals(doc.name())) {
            return "name " + ours.name() + ", operators.md " + doc.name();
        }
        String docType = switch (doc.type()) {
            case "int" -> "INT";
            case "float" -> "FLOAT";
            case "array" -> "ARRAY";
            case "str" -> "STRING";
            default -> doc.type();
        };
        if (!ours.type().name().equals(docType)) {
            return "type " + ours.type() + ", operators.md " + doc.type();
        }
        return sameDefault(ours, doc.dflt()) ? null : "default " + describeDefault(ours) + ", operators.md "
                + doc.dflt();
    }

    private static boolean sameDefault(Param ours, String doc) {
        if (ours.defaultRule() != null) {
            return squeeze(ours.defaultRule()).equals(squeeze(doc));
        }
        if (ours instanceof Param.Int p) {
            return doc.matches("-?\\d+") && Integer.parseInt(doc) == p.defaultValue();
        }
        if (ours instanceof Param.Float p) {
            return parseFloat(doc) == p.defaultValue();
        }
        return ours.type() == Param.Type.ARRAY ? squeeze(doc).equals("[]") : doc.equals("\"\"");
    }

    private static String describeDefault(Param p) {
        if (p.defaultRule() != null) {
            return p.defaultRule();
        }
        if (p instanceof Param.Int i) {
            return String.valueOf(i.defaultValue());
        }
        return p instanceof Param.Float f ? String.valueOf(f.defaultValue()) : "empty";
    }

    private static float parseFloat(String doc) {
        String s = doc.replace("FLT_MAX", String.valueOf(Float.MAX_VALUE));
        if (s.endsWith("f")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** ModelBin's load type for a doc weight type: anything quantizable is tagged (type 0). */
    private static int loadType(String docType) {
        return docType.contains("fp16") || docType.contains("int8") ? WeightSlot.LOAD_AUTO : WeightSlot.LOAD_FLOAT32;
    }

    private static String squeeze(String s) {
        return s.replace(" ", "");
    }

    /** Sections ("# Type") with their param table ("| param id | ...") and weight table ("| weight | ..."). */
    private static Map<String, Section> parse(List<String> lines) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        String table = null;
        for (String line : lines) {
            if (line.startsWith("# ")) {
                current = new Section(new LinkedHashMap<>(), new ArrayList<>());
                sections.put(line.substring(2).trim(), current);
                table = null;
                continue;
            }
            if (current == null || !line.startsWith("|")) {
                table = null;
                continue;
            }
            String[] cells = line.trim().replaceAll("^\\||\\|$", "").split("\\|", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            if (cells[0].matches("-+")) {
                continue;
            }
            if (cells[0].equals("param id") || cells[0].equals("weight")) {
                table = cells[0];
            } else if ("param id".equals(table)) {
                int id = Integer.parseInt(cells[0]);
                current.params().put(id, new DocParam(id, cells[1], cells[2], cells[3]));
            } else if ("weight".equals(table)) {
                current.weights().add(new DocWeight(cells[0], cells[1]));
            }
        }
        return sections;
    }
}

package dev.pnnxj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private static String json(Object v) throws IOException {
        StringBuilder sb = new StringBuilder();
        JsonWriter.write(v, sb);
        return sb.toString();
    }

    @Test
    void nestedValuesAreIndentedAndReadBackByJackson() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "a \"quoted\"\\path\n\u0001");
        doc.put("n", 1L << 40);
        doc.put("ok", true);
        doc.put("none", null);
        doc.put("list", List.of(1, Map.of("k", "v")));
        doc.put("empty", List.of());
        doc.put("emptyMap", Map.of());
        String text = json(doc);
        assertEquals("""
                {
                  "name": "a \\"quoted\\"\\\\path\\n\\u0001",
                  "n": 1099511627776,
                  "ok": true,
                  "none": null,
                  "list": [
                    1,
                    {
                      "k": "v"
                    }
                  ],
                  "empty": [],
                  "emptyMap": {}
                }
                """, text);
        assertEquals(new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(doc), Map.class),
                new ObjectMapper().readValue(text, Map.class));
    }

    @Test
    void aValueWithoutAJsonFormIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> json(List.of(1.5)));
    }
}

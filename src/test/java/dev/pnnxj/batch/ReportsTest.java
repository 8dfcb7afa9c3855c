package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

class ReportsTest {
    @TempDir
    Path dir;

    private static final List<ModelReport> REPORTS = List.of(
            new ModelReport("a/net.onnx", ModelReport.Status.CONVERTED, 0, "", 0.25, 3, 400, 1200,
                    List.of("FoldConstants"), Map.of("Convolution", 1, "Input", 1, "ReLU", 1), 1.5e-6),
            new ModelReport("b.onnx", ModelReport.Status.UNSUPPORTED, 2, "1 unsupported node: Foo \"x\" <y> & z",
                    0.125, 0, 0, 0, List.of(), Map.of(), null),
            new ModelReport("c.onnx", ModelReport.Status.FAILED, 3, "internal error: boom", 0.0, 0, 0, 0, List.of(),
                    Map.of(), null));

    @Test
    void junitXmlHasOneTestcasePerModelAndIsSchemaValid() throws IOException, SAXException {
        Path xml = dir.resolve("junit.xml");
        try (OutputStream out = Files.newOutputStream(xml)) {
            JUnitReport.write(REPORTS, "zoo", out);
        }
        JUnitXml.validate(xml);
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="zoo" tests="3" failures="1" errors="1" skipped="0" time="0.375">
                  <testcase name="a/net.onnx" classname="pnnx-j.batch" time="0.250"></testcase>
                  <testcase name="b.onnx" classname="pnnx-j.batch" time="0.125">
                    <failure message="1 unsupported node: Foo &quot;x&quot; &lt;y&gt; &amp; z" type="unsupported">\
                exit code 2: 1 unsupported node: Foo "x" &lt;y&gt; &amp; z</failure>
                  </testcase>
                  <testcase name="c.onnx" classname="pnnx-j.batch" time="0.000">
                    <error message="internal error: boom" type="failed">exit code 3: internal error: boom</error>
                  </testcase>
                </testsuite>
                """, Files.readString(xml));
    }

    @Test
    void schemaRejectsATestcaseWithoutClassname() throws IOException {
        Path xml = dir.resolve("bad.xml");
        Files.writeString(xml, "<testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"1\">"
                + "<testcase name=\"t\" time=\"1\"/></testsuite>");
        assertThrows(SAXException.class, () -> JUnitXml.validate(xml));
    }

    @Test
    void jsonReportListsEveryModelWithCounts() throws IOException {
        Path json = dir.resolve("r.json");
        try (OutputStream out = Files.newOutputStream(json)) {
            JsonReport.write(REPORTS.subList(0, 2), out);
        }
        assertEquals("""
                {
                  "format" : "pnnx-j-batch-report/1",
                  "models_total" : 2,
                  "converted" : 1,
                  "unsupported" : 1,
                  "failed" : 0,
                  "models" : [ {
                    "path" : "a/net.onnx",
                    "status" : "converted",
                    "exit_code" : 0,
                    "message" : "",
                    "seconds" : 0.25,
                    "layers" : 3,
                    "weight_bytes" : 400,
                    "peak_memory_bytes" : 1200,
                    "passes_applied" : [ "FoldConstants" ],
                    "layer_histogram" : {
                      "Convolution" : 1,
                      "Input" : 1,
                      "ReLU" : 1
                    },
                    "max_error" : 1.5E-6
                  }, {
                    "path" : "b.onnx",
                    "status" : "unsupported",
                    "exit_code" : 2,
                    "message" : "1 unsupported node: Foo \\"x\\" <y> & z",
                    "seconds" : 0.125,
                    "layers" : 0,
                    "weight_bytes" : 0,
                    "peak_memory_bytes" : 0,
                    "passes_applied" : [ ],
                    "layer_histogram" : { }
                  } ]
                }""", Files.readString(json).replace("\r\n", "\n"));
    }
}

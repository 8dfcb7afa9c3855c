package dev.pnnxj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOutputTest {
    private static final ModelReport OK = new ModelReport("zoo/a.onnx", ModelReport.Status.CONVERTED, 0, "", 1.5, 12,
            4096, 9000, List.of(), Map.of(), 2.5e-4);
    private static final ModelReport BAD = new ModelReport("b.onnx", ModelReport.Status.UNSUPPORTED, 2,
            "2 nodes cannot be converted to ncnn:\n  GatherND 'g' (x): no layer\n  TopK 't' (y): no layer\nNo files were written.", 0.25, 0, 0, 0,
            List.of(), Map.of(), null);

    @Test
    void plainProgressPrintsOneLinePerModel() {
        StringWriter s = new StringWriter();
        Progress p = new Progress(new PrintWriter(s), false, 2);
        p.finished(OK);
        p.finished(BAD);
        assertEquals("[1/2] converted zoo/a.onnx (1.500 s)\n[2/2] unsupported b.onnx (0.250 s)\n",
                s.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void terminalProgressRedrawsOneBar() {
        StringWriter s = new StringWriter();
        Progress p = new Progress(new PrintWriter(s), true, 2);
        p.finished(OK);
        p.finished(BAD);
        String pad = " ".repeat(40 - "b.onnx".length());
        assertEquals("\r[" + "#".repeat(15) + " ".repeat(15) + "] 1/2 zoo/a.onnx" + " ".repeat(30)
                + "\r[" + "#".repeat(30) + "] 2/2 b.onnx" + pad + "\n", s.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void summaryTableAlignsColumnsCountsStatusesAndSaysWhyEachFailed() {
        StringWriter s = new StringWriter();
        SummaryTable.print(List.of(OK, BAD), true, new PrintWriter(s));
        assertEquals("""
                model       status       seconds  layers  weight bytes  max error
                zoo/a.onnx  converted      1.500      12          4096   0.000250
                b.onnx      unsupported    0.250       0             0          -
                2 models: 1 converted, 1 unsupported, 0 failed
                b.onnx: 2 nodes cannot be converted to ncnn: GatherND 'g' (x): no layer (and 1 more)
                """, s.toString().replace(System.lineSeparator(), "\n"));
    }
}

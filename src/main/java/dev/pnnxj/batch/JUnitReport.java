package dev.pnnxj.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The batch report as JUnit XML (the Ant/Jenkins format CI servers display): one testsuite, one
 * testcase per model. A model that failed on its input or options, or has unsupported nodes, is a
 * failure; an internal error (exit code 3) is an error.
 */
public final class JUnitReport {
    /** Test class name every model's testcase carries. */
    public static final String CLASSNAME = "pnnx-j.batch";

    private JUnitReport() {
    }

    public static void write(List<ModelReport> reports, String suiteName, OutputStream out) throws IOException {
        long errors = reports.stream().filter(JUnitReport::isError).count();
        long failures = reports.stream().filter(r -> !r.ok()).count() - errors;
        double total = reports.stream().mapToDouble(ModelReport::seconds).sum();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suiteName);
            x.writeAttribute("tests", Integer.toString(reports.size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Long.toString(errors));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(total));
            for (ModelReport r : reports) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", r.path());
                x.writeAttribute("classname", CLASSNAME);
                x.writeAttribute("time", seconds(r.seconds()));
                if (!r.ok()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement(isError(r) ? "error" : "failure");
                    x.writeAttribute("message", r.message());
                    x.writeAttribute("type", r.status().label());
                    x.writeCharacters("exit code " + r.exitCode() + ": " + r.message());
                    x.writeEndElement();
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static boolean isError(ModelReport r) {
        return r.exitCode() == 3;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}

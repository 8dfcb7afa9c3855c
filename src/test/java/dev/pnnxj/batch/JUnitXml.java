package dev.pnnxj.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** Validates a file against the JUnit XML schema kept in src/test/resources/junit.xsd. */
final class JUnitXml {
    private JUnitXml() {
    }

    static void validate(Path xml) throws IOException, SAXException {
        try (InputStream xsd = JUnitXml.class.getResourceAsStream("/junit.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd))
                    .newValidator().validate(new StreamSource(xml.toFile()));
        }
    }
}

package dev.pnnxj.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pnnxj.ConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader is chosen by content as pnnx does: a zip is TorchScript, anything else ONNX, whatever the name says. */
class FormatSniffingTest {
    @TempDir
    Path dir;

    @Test
    void anOnnxModelNamedPtIsReadAsOnnx() throws IOException {
        Path model = Files.copy(Path.of("testdata/sample/tinynet.onnx"), dir.resolve("tinynet.pt"));
        assertEquals(1, Frontends.read(model, List.of()).inputs().size());
    }

    @Test
    void aTorchScriptArchiveWithAnyNameIsReadAsTorchScript() throws IOException {
        Path model = Files.copy(Path.of("testdata/torchscript/attention_fastpath.pt"), dir.resolve("net.model"));
        assertTrue(Frontends.isZip(model));
        // read as TorchScript, it fails in its code for want of input shapes; the ONNX reader would call it damaged
        ConversionException e = assertThrows(ConversionException.class, () -> Frontends.read(model, List.of()));
        assertTrue(e.getMessage().contains("net.model: code/__torch__/"), e.getMessage());
    }

    @Test
    void anythingElseIsReportedAsNotOnnx() throws IOException {
        Path model = Files.writeString(dir.resolve("notes.onnx"), "hello");
        ConversionException e = assertThrows(ConversionException.class, () -> Frontends.read(model, List.of()));
        assertTrue(e.getMessage().contains("is not a readable ONNX model"), e.getMessage());
    }
}

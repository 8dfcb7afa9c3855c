package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.OnnxReader;
import dev.pnnxj.frontend.torchscript.TorchScriptReader;
import dev.pnnxj.ir.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Picks the reader for a model file by its content: a zip is a TorchScript archive, anything else is read as ONNX. */
public final class Frontends {
    private Frontends() {
    }

    /**
     * Reads a zip archive with the TorchScript reader, which takes the input shapes
     * ({@code inputshape=}) because tracing sizes through TorchScript code needs them, and any
     * other file with the ONNX reader (ONNX models carry their own shapes), whatever its extension.
     */
    public static Graph read(Path model, List<InputShape> inputShapes) {
        try {
            return readFormat(model, inputShapes);
        } catch (StackOverflowError e) {
            // the readers bound the nesting they know of; this catches a structure nested some other way
            throw new ConversionException(model + " nests its graph or code deeper than pnnx-j can follow (the Java"
                    + " stack ran out); the file is damaged or crafted. Re-export the model, or raise the limit with"
                    + " PNNXJ_JAVA_OPTS=-Xss64m if it is genuine", e);
        }
    }

    private static Graph readFormat(Path model, List<InputShape> inputShapes) {
        if (!Files.isRegularFile(model)) {
            throw new ConversionException("model file " + model + " does not exist or is not a file");
        }
        // as pnnx does: the content decides, so a .pt holding ONNX (or a renamed file) is read right
        return isZip(model) ? TorchScriptReader.read(model, inputShapes) : OnnxReader.read(model);
    }

    /** Whether the file starts with a zip local header, as every torch.jit.save archive does. */
    public static boolean isZip(Path model) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(model)) {
            int n = in.readNBytes(head, 0, 4);
            return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            throw new ConversionException("cannot read model " + model + " (" + e.getMessage()
                    + "): check that it is readable", e);
        }
    }
}

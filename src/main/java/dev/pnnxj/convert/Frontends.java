package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.OnnxReader;
import dev.pnnxj.frontend.torchscript.TorchScriptReader;
import dev.pnnxj.ir.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Picks the reader for a model file by its extension. */
public final class Frontends {
    private Frontends() {
    }

    /**
     * Reads {@code .onnx} with the ONNX reader and {@code .pt} / {@code .pth} / {@code .torchscript}
     * with the TorchScript reader, which takes the input shapes ({@code inputshape=}) because
     * tracing sizes through TorchScript code needs them; ONNX models carry their own.
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
        String name = model.getFileName().toString().toLowerCase();
        if (name.endsWith(".onnx")) {
            return OnnxReader.read(model);
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
            return TorchScriptReader.read(model, inputShapes);
        }
        throw new ConversionException("cannot tell the format of " + model + ": pnnx-j reads .onnx files and"
                + " TorchScript archives (.pt, .pth, .torchscript)");
    }
}

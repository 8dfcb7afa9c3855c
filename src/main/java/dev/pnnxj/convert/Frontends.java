package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.OnnxReader;
import dev.pnnxj.ir.Graph;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the reader for a model file by its extension. */
public final class Frontends {
    private Frontends() {
    }

    public static Graph read(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new ConversionException("model file " + model + " does not exist or is not a file");
        }
        String name = model.getFileName().toString().toLowerCase();
        if (name.endsWith(".onnx")) {
            return OnnxReader.read(model);
        }
        throw new ConversionException("cannot tell the format of " + model + ": pnnx-j reads .onnx files");
    }
}

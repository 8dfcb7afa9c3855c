package dev.pnnxj.frontend.onnx;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.onnx.proto.Onnx.StringStringEntryProto;
import dev.pnnxj.frontend.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Finds the bytes of a tensor stored outside the model ({@code data_location = EXTERNAL}). Every
 * check that can fail is made when the model is read, so a bad file is reported up front with the
 * tensor's name; the region itself is memory-mapped only when the tensor is first used, and never
 * copied onto the heap.
 *
 * <p>The file must lie inside the model's folder, after following symbolic links: a model is
 * untrusted input, and a location such as {@code ../../etc/shadow} must not make the converter
 * read (and write into a .bin) a file the user did not hand over.
 */
final class ExternalData {
    private final Path modelDir;

    /** @param modelFile the .onnx file; locations are relative to its folder */
    ExternalData(Path modelFile) {
        this.modelDir = modelFile.toAbsolutePath().normalize().getParent();
    }

    /** Checks the tensor's external-data record and returns a lazy mapping of its bytes. */
    Supplier<ByteBuffer> locate(TensorProto t, String name, long expectedBytes) {
        String location = null;
        String offsetText = null;
        String lengthText = null;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offsetText = e.getValue();
                case "length" -> lengthText = e.getValue();
                default -> {
                    // checksum and tool-specific keys do not affect where the bytes are
                }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new ConversionException("tensor '" + name + "' is marked as external data but has no 'location'"
                    + " entry: the model file is damaged; re-export it with its external data");
        }
        Path file = resolve(name, location);
        long offset = number(name, "offset", offsetText, 0);
        long length = number(name, "length", lengthText, expectedBytes);
        if (length != expectedBytes) {
            throw new ConversionException("tensor '" + name + "' in " + file + ": external data length is " + length
                    + " bytes but its shape and type need " + expectedBytes
                    + ": the model or data file was edited or damaged; re-export the model");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ConversionException("cannot read external data file " + file + " of tensor '" + name + "': "
                    + e.getMessage(), e);
        }
        if (offset > size || length > size - offset) {
            throw new ConversionException("tensor '" + name + "' needs bytes " + offset + ".." + (offset + length)
                    + " of " + file + ", but the file is only " + size + " bytes long: the external data file is"
                    + " truncated or belongs to another model; copy it again or re-export the model");
        }
        if (length > Integer.MAX_VALUE) {
            throw new ConversionException("tensor '" + name + "' in " + file + " holds " + length
                    + " bytes; pnnx-j handles at most 2 GiB per tensor: split the weight in the source model");
        }
        return () -> map(name, file, offset, length);
    }

    private Path resolve(String tensor, String location) {
        Path relative = Path.of(location);
        if (relative.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new ConversionException("tensor '" + tensor + "' keeps its data at the absolute path '" + location
                    + "'; pnnx-j only reads external data inside the model's folder " + modelDir
                    + ": move the file there and store its location relative to the model");
        }
        Path file = modelDir.resolve(relative).normalize();
        if (!file.startsWith(modelDir)) {
            throw outside(tensor, location);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConversionException("tensor '" + tensor + "' keeps its data in " + file
                    + ", which does not exist or is not a file: put the external data file saved with the model"
                    + " next to the .onnx file");
        }
        try {
            if (!file.toRealPath().startsWith(modelDir.toRealPath())) {
                throw outside(tensor, location);
            }
        } catch (IOException e) {
            throw new ConversionException("cannot resolve external data file " + file + " of tensor '" + tensor
                    + "': " + e.getMessage(), e);
        }
        return file;
    }

    private ConversionException outside(String tensor, String location) {
        return new ConversionException("tensor '" + tensor + "' keeps its data in '" + location
                + "', which is outside the model's folder " + modelDir
                + ": move the file into that folder and store its location relative to the model");
    }

    private static long number(String tensor, String key, String text, long dflt) {
        if (text == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a negative number
        }
        throw new ConversionException("tensor '" + tensor + "': external data '" + key + "' is '" + text
                + "', not a byte count: the model file is damaged; re-export it");
    }

    private static ByteBuffer map(String tensor, Path file, long offset, long length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        } catch (IOException e) {
            throw new ConversionException("cannot map external data of tensor '" + tensor + "' from " + file + ": "
                    + e.getMessage(), e);
        }
    }
}

package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.util.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference outputs saved beforehand as .npy files, one per output in order (for instance what
 * PyTorch computed for a TorchScript model). They hold for the inputs they were computed from
 * only, so those must be given; each output is named by its file.
 */
public final class SavedOutputs implements Reference {
    private final Map<String, Npy> outputs = new LinkedHashMap<>();

    private SavedOutputs() {
    }

    /** Reads the files; integer and bool arrays are compared as float32. */
    public static SavedOutputs read(List<Path> files) {
        SavedOutputs s = new SavedOutputs();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ConversionException("--expect " + f + ": no such file");
            }
            Npy npy;
            try {
                npy = Npy.read(f);
            } catch (IOException e) {
                throw new ConversionException("--expect " + e.getMessage(), e);
            }
            // the same file may stand for two outputs that are equal
            String name = s.outputs.containsKey(f.toString()) ? f + " #" + (s.outputs.size() + 1) : f.toString();
            s.outputs.put(name, Npy.ofFloat32(npy.shape(), npy.toFloats()));
        }
        return s;
    }

    @Override
    public Optional<List<Input>> inputs() {
        return Optional.empty();
    }

    @Override
    public List<String> outputs() {
        return List.copyOf(outputs.keySet());
    }

    /** The saved arrays, whatever the inputs: the caller makes sure they are the ones given. */
    @Override
    public Map<String, Npy> run(List<Npy> inputs) {
        return outputs;
    }

    @Override
    public String describe() {
        return "--expect";
    }

    @Override
    public void close() {
    }
}

package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ncnn.MemoryEstimate;
import dev.pnnxj.ncnn.NcnnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a lowered model against the target it will be deployed to, before anything is written:
 * every layer type must be in the user's ncnn build ({@code layers=FILE}) and the estimated peak
 * memory must fit {@code memlimit=}.
 */
public final class DeploymentCheck {
    private DeploymentCheck() {
    }

    /**
     * Throws (exit code 1) naming the missing layer types or the memory overrun of the model
     * lowered at {@code shapes}; returns the estimate.
     */
    public static MemoryEstimate check(NcnnModel model, ConvertOptions o, List<InputShape> shapes) {
        MemoryEstimate e = MemoryEstimate.of(model);
        if (!o.ncnnLayers().isEmpty()) {
            Set<String> missing = new TreeSet<>(e.layerTypes());
            missing.removeAll(o.ncnnLayers());
            if (!missing.isEmpty()) {
                throw new ConversionException("the ncnn build listed in layers= lacks layer type(s) "
                        + String.join(", ", missing) + " that this model needs; build ncnn with them "
                        + "(WITH_LAYER_<name>=ON) or list them if they are there. Nothing was written.");
            }
        }
        if (o.memLimit() > 0 && e.peakBytes() > o.memLimit()) {
            throw new ConversionException("estimated peak memory " + e.peakBytes() + " bytes (blobs "
                    + e.peakBlobBytes() + " + fp32 weights " + e.weightBytesFp32() + ") at input shape "
                    + shapes.stream().map(s -> s.shape().toString()).toList()
                    + " exceeds memlimit=" + o.memLimit() + " bytes. Nothing was written.");
        }
        return e;
    }

    /** Parses a byte count with an optional K, M or G (binary) suffix. */
    static long parseBytes(String key, String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        if (!digits.matches("\\d{1,12}") || Long.parseLong(digits) == 0) {
            throw new ConversionException("bad " + key + "=" + text + ": give a positive byte count such as 512M, 2G or 65536");
        }
        return Long.parseLong(digits) * unit;
    }

    /** Reads a layer list: one ncnn layer type per line, {@code #} comments. */
    static Set<String> readLayerList(String key, Path file) {
        Set<String> types = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int hash = line.indexOf('#');
                String type = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!type.isEmpty()) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new ConversionException("cannot read " + key + "=" + file + ": " + IoMessages.reason(e), e);
        }
        if (types.isEmpty()) {
            throw new ConversionException(key + "=" + file + " lists no layer types");
        }
        return types;
    }
}

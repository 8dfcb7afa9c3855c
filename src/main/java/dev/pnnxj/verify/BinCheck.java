package dev.pnnxj.verify;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.IoMessages;
import dev.pnnxj.ncnn.Manifest;
import dev.pnnxj.verify.layers.Layers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Checks, without running the model, that a .bin holds exactly the weights its .param implies:
 * every layer's weights are walked the way {@link NcnnExecutor} loads them, each must start
 * 4-byte aligned, the file must end exactly after the last one, and with a weight manifest each
 * weight must lie at the recorded offset with the recorded size, storage and CRC-32. The first
 * inconsistency is reported with the layer it concerns.
 */
public final class BinCheck {
    /** Search range for a weight's recorded bytes when its CRC-32 differs (a shifted .bin). */
    private static final int MAX_SHIFT = 64;

    /** The verdict: {@code message} is the first problem, or a one-line summary when {@code ok}. */
    public record Result(boolean ok, String message) {
    }

    private final NcnnParamFile file;
    private final ByteBuffer bytes;
    private final String binName;
    private final Manifest manifest;
    private final List<WeightReader.Load> loads = new ArrayList<>();
    /** Where a load met a storage tag pnnx-j never writes: the likely start of a shift, for messages. */
    private String oddTag;

    private BinCheck(NcnnParamFile file, ByteBuffer bytes, String binName, Manifest manifest) {
        this.file = file;
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
        this.binName = binName;
        this.manifest = manifest;
    }

    /** Checks {@code bin} against {@code param}, and against {@code manifest} unless it is null. */
    public static Result check(Path param, Path bin, Path manifest) {
        NcnnParamFile file = NcnnParamFile.read(param, type -> true);
        Manifest m = null;
        if (manifest != null) {
            try {
                m = Manifest.read(manifest);
            } catch (IOException e) {
                throw new ConversionException("cannot read the weight manifest " + manifest + ": " + IoMessages.reason(e), e);
            }
        }
        byte[] data;
        try {
            data = Files.readAllBytes(bin);
        } catch (IOException e) {
            throw new ConversionException("cannot read " + bin + ": " + IoMessages.reason(e), e);
        }
        return new BinCheck(file, ByteBuffer.wrap(data), bin.toString(), m).run();
    }

    private Result run() {
        WeightReader reader = new WeightReader(bytes, binName);
        reader.onLoad(loads::add);
        int next = 0;
        int weights = 0;
        int layersWithWeights = 0;
        for (NcnnParamFile.LayerDecl d : file.layers()) {
            String where = "layer '" + d.name() + "' (" + d.type() + ")";
            if (!Layers.isKnown(d.type())) {
                return fail(where + " at " + file.source() + ":" + d.line() + ": layer type " + d.type()
                        + " cannot be checked: pnnx-j does not know how it stores weights");
            }
            Layer layer = Layers.create(d.type());
            try {
                layer.loadParams(d.params(), d.bottoms().size(), d.tops().size());
            } catch (IllegalArgumentException e) {
                return fail(file.source() + ":" + d.line() + ": " + where + ": " + e.getMessage());
            }
            loads.clear();
            String readError = null;
            try {
                reader.beginLayer(d.name(), d.type());
                layer.loadWeights(reader);
            } catch (ConversionException | IllegalArgumentException e) {
                readError = e.getMessage();
            }
            Manifest.LayerEntry expectedNext = manifest != null && next < manifest.layers().size()
                    ? manifest.layers().get(next) : null;
            Manifest.LayerEntry recorded = expectedNext != null && expectedNext.name().equals(d.name())
                    ? expectedNext : null;
            String problem = compare(where, recorded, expectedNext);
            if (problem == null && readError != null) {
                problem = readError.startsWith(binName) ? readError : binName + ": " + where + ": " + readError;
                problem += pending(recorded) + shiftHint();
            } else if (problem == null && recorded != null && loads.size() < recorded.weights().size()) {
                problem = binName + ": " + where + " loads " + loads.size() + " weight(s), the manifest records "
                        + recorded.weights().size() + pending(recorded);
            }
            if (problem != null) {
                return fail(problem);
            }
            if (recorded != null) {
                next++;
            }
            if (!loads.isEmpty()) {
                layersWithWeights++;
                weights += loads.size();
            }
        }
        if (manifest != null && next < manifest.layers().size()) {
            Manifest.LayerEntry e = manifest.layers().get(next);
            return fail(binName + ": the manifest records weights for layer '" + e.name() + "' (" + e.type()
                    + ") but the .param loads none for it");
        }
        if (reader.remaining() > 0) {
            int end = bytes.capacity() - reader.remaining();
            return fail(binName + ": " + reader.remaining() + " bytes follow the last weight, which ends at offset "
                    + end + " of " + bytes.capacity() + shiftHint());
        }
        return new Result(true, binName + ": " + layersWithWeights + " weighted layers of " + file.layers().size() + ", "
                + weights + " weights, "
                + bytes.capacity() + " bytes as " + file.source() + " loads them"
                + (manifest != null ? ", matching the manifest" : ""));
    }

    /** The first problem with this layer's loads (alignment, manifest agreement), or null. */
    private String compare(String where, Manifest.LayerEntry recorded, Manifest.LayerEntry expectedNext) {
        for (int k = 0; k < loads.size(); k++) {
            WeightReader.Load l = loads.get(k);
            if (l.storage().equals("uint8-table") && oddTag == null) {
                oddTag = where + " weight " + (k + 1) + ": storage tag 0x"
                        + String.format("%08x", bytes.getInt((int) l.offset())) + " at offset " + l.offset()
                        + " is neither fp32 (0) nor fp16 (0x01306b47)";
            }
            if (l.offset() % 4 != 0) {
                return binName + ": " + where + " weight " + (k + 1) + " starts at offset " + l.offset()
                        + ", which is not 4-byte aligned";
            }
        }
        if (manifest == null) {
            return null;
        }
        if (recorded == null) {
            if (loads.isEmpty()) {
                return null;
            }
            String next = expectedNext == null ? "; the manifest records no further layers"
                    : "; the manifest records layer '" + expectedNext.name() + "' (" + expectedNext.type() + ") next";
            return binName + ": " + where + " loads " + loads.size() + " weight(s) at offset " + loads.get(0).offset()
                    + " that the manifest does not record for it" + next;
        }
        int n = Math.min(loads.size(), recorded.weights().size());
        for (int k = 0; k < n; k++) {
            Manifest.WeightEntry e = recorded.weights().get(k);
            WeightReader.Load l = loads.get(k);
            String found = describe(l.offset(), l.length(), l.storage(), l.elements(), crc(l.offset(), l.length()));
            String expected = describe(e.offset(), e.length(), e.storage(), e.elements(), e.crc32());
            if (!found.equals(expected)) {
                return binName + ": " + where + " weight " + (k + 1) + " of " + recorded.weights().size() + " ("
                        + e.name() + "): expected " + expected + ", found " + found + located(e);
            }
        }
        if (loads.size() > recorded.weights().size()) {
            WeightReader.Load l = loads.get(n);
            return binName + ": " + where + " loads " + loads.size() + " weights, the manifest records "
                    + recorded.weights().size() + ": weight " + (n + 1) + " found at offset " + l.offset() + " size "
                    + l.length() + " is not recorded";
        }
        return null;
    }

    /** After a failed read: where the manifest says the weight being read lies. */
    private String pending(Manifest.LayerEntry recorded) {
        if (recorded == null || loads.size() >= recorded.weights().size()) {
            return "";
        }
        Manifest.WeightEntry e = recorded.weights().get(loads.size());
        return "; the manifest records weight " + (loads.size() + 1) + " (" + e.name() + ") at offset " + e.offset()
                + " size " + e.length();
    }

    private static String describe(long offset, long length, String storage, long elements, String crc) {
        return "offset " + offset + " size " + length + " (" + elements + " " + storage + ") crc32 " + crc;
    }

    /** Where the recorded bytes are instead, if a small shift finds them. */
    private String located(Manifest.WeightEntry e) {
        for (int shift = 4; shift <= MAX_SHIFT; shift += 4) {
            for (int sign : new int[]{1, -1}) {
                long at = e.offset() + (long) sign * shift;
                if (at >= 0 && at + e.length() <= bytes.capacity() && crc(at, e.length()).equals(e.crc32())) {
                    return "; the recorded bytes are at offset " + at + " (" + shift + " bytes "
                            + (sign > 0 ? "inserted" : "missing") + " before them)";
                }
            }
        }
        return "";
    }

    private String shiftHint() {
        return oddTag == null ? "" : "; reading went wrong at " + oddTag;
    }

    private String crc(long offset, long length) {
        if (offset + length > bytes.capacity()) {
            return "(past the end of the file)";
        }
        CRC32 c = new CRC32();
        c.update(bytes.duplicate().position((int) offset).limit((int) (offset + length)));
        return String.format("%08x", c.getValue());
    }

    private static Result fail(String message) {
        return new Result(false, message);
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.io.IoMessages;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The zip file {@code torch.jit.save} writes: {@code <top>/data.pkl} (the module objects) with its
 * storages in {@code <top>/data/<key>}, {@code <top>/constants.pkl} with its storages in
 * {@code <top>/constants/<key>}, {@code <top>/code/...py} and {@code <top>/version}, where the top
 * folder's name varies. Entry names are checked when the
 * archive is opened, so no name can point outside it.
 *
 * <p>The file is memory-mapped once when opened and no file stays open. {@code torch.jit.save}
 * stores storages uncompressed, so a storage is a read-only view of the mapping: weights are paged
 * in from the file when written, never copied onto the heap. An entry someone compressed is
 * inflated into a new array each time it is read.
 */
final class TorchArchive {
    private final Path file;
    private final String top;
    private final Map<String, ZipDirectory.Entry> entries;
    /** The whole file, or null when it is too large for one buffer and each entry is mapped alone. */
    private final ByteBuffer mapping;

    private TorchArchive(Path file, String top, Map<String, ZipDirectory.Entry> entries, ByteBuffer mapping) {
        this.file = file;
        this.top = top;
        this.entries = entries;
        this.mapping = mapping;
    }

    /**
     * Opens and checks an archive.
     *
     * @throws ConversionException when the file is not a readable zip, has an entry whose name
     *                             escapes the archive, or is no TorchScript archive
     */
    /** Largest inflated pickle or code entry read; real ones are a few MiB even for large models. */
    static final long MAX_INFLATED_METADATA = 256L << 20;

    static TorchArchive open(Path file) {
        return open(file, Integer.MAX_VALUE);
    }

    /**
     * {@link #open(Path)}, mapping the file whole only if it is at most {@code largestMapping}
     * bytes long; a longer one has each entry mapped on its own when read, since a buffer holds
     * at most 2 GiB.
     */
    static TorchArchive open(Path file, long largestMapping) {
        Map<String, ZipDirectory.Entry> entries;
        ByteBuffer mapping = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            entries = ZipDirectory.read(ch);
            if (ch.size() <= largestMapping) {
                mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
        } catch (ZipException | EOFException e) {
            throw new ConversionException(file + " is not a readable TorchScript archive (" + e.getMessage()
                    + "): the file is truncated or corrupt, or not a zip written by torch.jit.save; save it again");
        } catch (IOException e) {
            throw new ConversionException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
        for (String name : entries.keySet()) {
            checkName(file, name);
        }
        TorchArchive archive = new TorchArchive(file, topFolder(file, entries.keySet()), entries, mapping);
        // PyTorch 2.x records the byte order of the storages; older archives are always little-endian
        if (archive.has("byteorder") && !new String(archive.read("byteorder"), StandardCharsets.US_ASCII).trim().equals("little")) {
            throw new ConversionException(file + " stores its tensors big-endian, which pnnx-j does not read: save the"
                    + " model on a little-endian machine");
        }
        return archive;
    }

    /** Refuses names that are absolute or climb out of the archive's folder. */
    private static void checkName(Path file, String name) {
        String n = name.replace('\\', '/');
        boolean escapes = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
        for (String part : n.split("/")) {
            escapes |= part.equals("..");
        }
        if (escapes) {
            throw new ConversionException(file + " has an entry named '" + name + "' that points outside the archive;"
                    + " pnnx-j refuses such files. Save the model again with torch.jit.save");
        }
    }

    private static String topFolder(Path file, Set<String> names) {
        List<String> tops = new ArrayList<>();
        for (String n : names) {
            int slash = n.indexOf('/');
            if (slash > 0 && n.substring(slash + 1).equals("data.pkl")) {
                tops.add(n.substring(0, slash + 1));
            }
        }
        if (tops.size() != 1) {
            boolean legacy = names.stream().anyMatch(n -> n.endsWith("model.json"));
            throw new ConversionException(file + (tops.isEmpty() ? " has no <folder>/data.pkl" : " has several data.pkl")
                    + (legacy ? ": it is a TorchScript archive from before PyTorch 1.4 (model.json), which pnnx-j"
                            + " does not read; load and save it again with a newer PyTorch"
                            : ": it is not a TorchScript archive; save the model with torch.jit.save"));
        }
        String t = tops.get(0);
        if (names.stream().noneMatch(n -> n.startsWith(t + "code/"))) {
            throw new ConversionException(file + " holds pickled tensors but no TorchScript code: it is a torch.save"
                    + " checkpoint (a state dict or a pickled nn.Module), which has no graph to convert. Save the model"
                    + " with torch.jit.save(torch.jit.trace(model, example_input), path)");
        }
        return t;
    }

    Path file() {
        return file;
    }

    /** Whether the archive has the entry {@code <top>/relative}. */
    boolean has(String relative) {
        return entries.containsKey(top + relative);
    }

    /** The whole entry {@code <top>/relative}, copied. */
    byte[] read(String relative) {
        ZipDirectory.Entry e = entry(relative);
        if (e.method() == ZipDirectory.DEFLATED) {
            if (e.size() > MAX_INFLATED_METADATA) {
                throw bomb(e, "more than the " + MAX_INFLATED_METADATA + " bytes pnnx-j allows a pickle or code file");
            }
            return inflate(e);
        }
        ByteBuffer data = data(e);
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    /**
     * The bytes of a storage entry ({@code data/0}), read-only and little-endian: a view of the
     * mapped file when the entry is stored uncompressed, as {@code torch.jit.save} writes it. A
     * compressed entry that inflates past {@code expectedBytes} (the storage's size) is refused.
     */
    ByteBuffer storage(String relative, long expectedBytes) {
        ZipDirectory.Entry e = entry(relative);
        // the declared size bounds the inflation (inflate stops there), so refuse it before inflating anything
        if (e.method() == ZipDirectory.DEFLATED && e.size() > expectedBytes) {
            throw bomb(e, "more than the " + expectedBytes + " bytes its tensor storage holds");
        }
        ByteBuffer bytes = e.method() == ZipDirectory.STORED ? data(e) : ByteBuffer.wrap(inflate(e)).asReadOnlyBuffer();
        return bytes.order(ByteOrder.LITTLE_ENDIAN);
    }

    private ZipDirectory.Entry entry(String relative) {
        ZipDirectory.Entry e = entries.get(top + relative);
        if (e == null) {
            throw new ConversionException(file + " has no entry " + top + relative
                    + "; the archive is incomplete: save it again");
        }
        return e;
    }

    /** The entry's bytes as they lie in the file (compressed or not), a read-only view of the mapping. */
    private ByteBuffer data(ZipDirectory.Entry e) {
        if (e.compressedSize() > Integer.MAX_VALUE) {
            throw tooLarge(e);
        }
        int length = (int) e.compressedSize();
        if (mapping != null) {
            return mapping.slice(Math.toIntExact(e.dataOffset()), length);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, e.dataOffset(), length);
        } catch (IOException ex) {
            throw unreadable(e, ex.getMessage());
        }
    }

    private byte[] inflate(ZipDirectory.Entry e) {
        if (e.size() > Integer.MAX_VALUE) {
            throw tooLarge(e);
        }
        byte[] out = new byte[(int) e.size()];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data(e));
            int n = 0;
            while (!inflater.finished()) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && !inflater.finished()) {
                    throw unreadable(e, "its compressed data " + (n == out.length ? "holds more than " : "ends before ")
                            + out.length + " bytes");
                }
                n += k;
            }
            if (n != out.length) {
                throw unreadable(e, "its compressed data holds " + n + " bytes instead of " + out.length);
            }
            return out;
        } catch (DataFormatException ex) {
            throw unreadable(e, ex.getMessage());
        } finally {
            inflater.end();
        }
    }

    private ConversionException bomb(ZipDirectory.Entry e, String limit) {
        return new ConversionException(file + ": entry " + e.name() + " inflates to " + e.size() + " bytes, " + limit
                + "; pnnx-j does not inflate it (a zip bomb or a damaged archive). Save the model again with"
                + " torch.jit.save");
    }

    private ConversionException tooLarge(ZipDirectory.Entry e) {
        return new ConversionException(file + ": entry " + e.name() + " holds more than 2 GiB, which pnnx-j cannot"
                + " read: one buffer holds at most 2 GiB");
    }

    private ConversionException unreadable(ZipDirectory.Entry e, String why) {
        return new ConversionException("cannot read entry " + e.name() + " of " + file + " (" + why
                + "): the file is truncated or corrupt; save it again");
    }
}

package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip file {@code torch.jit.save} writes: {@code <top>/data.pkl} (the module objects) with its
 * storages in {@code <top>/data/<key>}, {@code <top>/constants.pkl} with its storages in
 * {@code <top>/constants/<key>}, {@code <top>/code/...py} and {@code <top>/version}, where the top
 * folder's name varies. Entry names are checked when the
 * archive is opened, so no name can point outside it.
 *
 * <p>Nothing is kept open: each read opens the zip, reads one entry and closes it, so storages
 * can be read lazily long after the graph was built.
 */
final class TorchArchive {
    private final Path file;
    private final String top;
    private final Set<String> entries;

    private TorchArchive(Path file, String top, Set<String> entries) {
        this.file = file;
        this.top = top;
        this.entries = entries;
    }

    /**
     * Opens and checks an archive.
     *
     * @throws ConversionException when the file is not a readable zip, has an entry whose name
     *                             escapes the archive, or is no TorchScript archive
     */
    static TorchArchive open(Path file) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> e = zip.entries();
            while (e.hasMoreElements()) {
                String name = e.nextElement().getName();
                checkName(file, name);
                names.add(name);
            }
        } catch (ZipException e) {
            throw new ConversionException(file + " is not a readable TorchScript archive (" + e.getMessage()
                    + "): the file is truncated or corrupt, or not a zip written by torch.jit.save; save it again");
        } catch (IOException e) {
            throw new ConversionException("cannot read " + file + ": " + e.getMessage(), e);
        }
        TorchArchive archive = new TorchArchive(file, topFolder(file, names), names);
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
        return entries.contains(top + relative);
    }

    /** The whole entry {@code <top>/relative}. */
    byte[] read(String relative) {
        String name = top + relative;
        if (!entries.contains(name)) {
            throw new ConversionException(file + " has no entry " + name + "; the archive is incomplete: save it again");
        }
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConversionException("cannot read entry " + name + " of " + file + " (" + e.getMessage()
                    + "): the file is truncated or corrupt; save it again", e);
        }
    }

    /** The bytes of a storage entry ({@code data/0}), little-endian. */
    ByteBuffer storage(String entry) {
        return ByteBuffer.wrap(read(entry));
    }
}

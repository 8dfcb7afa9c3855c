package dev.pnnxj.io;

import dev.pnnxj.ConversionException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A set of output files that appear together or not at all: each is written to a temporary file
 * beside its target and renamed into place only after every one was written. A failure (or an
 * interrupted process) leaves the previous files untouched and no partial output.
 */
public final class AtomicOutputs implements AutoCloseable {
    /** Writes one file's content. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private final Set<Path> protectedInputs;
    private final Map<Path, Path> pending = new LinkedHashMap<>();
    private boolean committed;

    /** @param protectedInputs files that must never be overwritten (the model being converted) */
    public AtomicOutputs(Set<Path> protectedInputs) {
        this.protectedInputs = normalize(protectedInputs);
    }

    private static Set<Path> normalize(Set<Path> paths) {
        Set<Path> out = new java.util.HashSet<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().normalize());
        }
        return out;
    }

    /** Writes {@code target}'s content to a temporary file next to it. */
    public void write(Path target, Content content) {
        Path t = target.toAbsolutePath().normalize();
        if (protectedInputs.contains(t)) {
            throw new ConversionException("refusing to overwrite the input file " + target
                    + ": choose another output name");
        }
        if (pending.containsKey(t)) {
            throw new ConversionException("two outputs are named " + target + ": give them different names");
        }
        Path dir = t.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + t.getFileName(), ".partial");
            pending.put(t, tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.write(out);
            }
        } catch (IOException e) {
            throw new ConversionException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames every temporary file onto its target, unless the thread was interrupted: a cancelled
     * conversion (batch stopped, Ctrl-C) then leaves nothing, as file writes do not stop on interrupt.
     */
    public void commit() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ConversionException("interrupted: no output was written");
        }
        try {
            for (Map.Entry<Path, Path> e : pending.entrySet()) {
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new ConversionException("cannot move output into place: " + e.getMessage(), e);
        }
        committed = true;
    }

    /** Deletes temporary files left by a failed run. */
    @Override
    public void close() {
        if (!committed) {
            for (Path tmp : pending.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the file has a .partial suffix and a leading dot, so it is never mistaken for output
                }
            }
        }
    }
}

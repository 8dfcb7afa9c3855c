package dev.pnnxj.io;

import dev.pnnxj.ConversionException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of output files that appear together or not at all: each is written to a temporary file
 * beside its target and renamed into place only after every one was written. A failure (or an
 * interrupted process) leaves the previous files untouched and no partial output: temporary files,
 * and folders this run created, are removed. {@link #check} tests target paths before any work.
 */
public final class AtomicOutputs implements AutoCloseable {
    /** Writes one file's content. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<Path> protectedInputs;
    private final Map<Path, Path> pending = new LinkedHashMap<>();
    private final Deque<Path> createdDirs = new ArrayDeque<>();
    private boolean committed;

    /** @param protectedInputs files that must never be overwritten (the model being converted) */
    public AtomicOutputs(Set<Path> protectedInputs) {
        this.protectedInputs = normalize(protectedInputs);
    }

    private static Set<Path> normalize(Set<Path> paths) {
        Set<Path> out = new HashSet<>();
        for (Path p : paths) {
            out.add(absolute(p));
        }
        return out;
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /**
     * Refuses, before anything is written, output paths that cannot be written: an existing folder,
     * a folder on the way that is a file or not writable, the input itself, or one path given to two
     * outputs. {@code targets} maps each output's option ({@code ncnnbin=}) to its path.
     */
    public static void check(Map<String, Path> targets, Set<Path> protectedInputs) {
        Set<Path> inputs = normalize(protectedInputs);
        Map<Path, String> seen = new LinkedHashMap<>();
        targets.forEach((option, target) -> {
            Path t = absolute(target);
            if (inputs.contains(t)) {
                throw new ConversionException("refusing to overwrite the input file " + target + " with " + option
                        + ": choose another output name");
            }
            String other = seen.put(t, option);
            if (other != null) {
                throw new ConversionException(other + " and " + option + " both name " + target
                        + ": give them different names");
            }
            if (Files.isDirectory(t)) {
                throw new ConversionException(option + " " + target + " is an existing folder: give a file name");
            }
            if (Files.exists(t) && !Files.isWritable(t)) {
                throw new ConversionException(option + " " + target + " exists and is not writable");
            }
            if (isDevice(t)) {
                return;
            }
            Path dir = t.getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir != null && !Files.isDirectory(dir)) {
                throw new ConversionException(option + " " + target + " cannot be written: " + dir
                        + " is a file, not a folder");
            }
            if (dir != null && !Files.isWritable(dir)) {
                throw new ConversionException(option + " " + target + " cannot be written: folder " + dir
                        + " is not writable");
            }
        });
    }

    /** Writes {@code target}'s content to a temporary file next to it. */
    public void write(Path target, Content content) {
        Path t = absolute(target);
        if (protectedInputs.contains(t)) {
            throw new ConversionException("refusing to overwrite the input file " + target
                    + ": choose another output name");
        }
        if (pending.containsKey(t)) {
            throw new ConversionException("two outputs are named " + target + ": give them different names");
        }
        if (Files.isDirectory(t)) {
            throw new ConversionException("output " + target + " is an existing folder: give a file name");
        }
        try {
            if (isDevice(t)) {
                // no temporary beside it (its folder, /dev, is seldom writable) and no rename over it:
                // a device keeps no previous content that a failure could spoil
                try (OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(t, StandardOpenOption.WRITE), 1 << 16)) {
                    content.write(out);
                }
                return;
            }
            Path tmp = createTemporaryInFolder(t);
            pending.put(t, tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.write(out);
            }
        } catch (IOException e) {
            throw new ConversionException("cannot write " + target + " (" + e.getMessage()
                    + "): check that its folder exists and is writable", e);
        }
    }

    /**
     * Creates the target's missing folders and a temporary file in them. A concurrent conversion that
     * failed may remove a folder it made between the two steps (it removes only empty ones), so a
     * vanished folder is made again.
     */
    private Path createTemporaryInFolder(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            createDirectories(target.getParent());
            try {
                return createTemporary(target);
            } catch (NoSuchFileException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /**
     * A new empty file beside {@code target}. Not {@code Files.createTempFile}: that makes it mode
     * 0600, and the renamed output would keep it; a plain create gets the user's umask (0644 under 022).
     */
    private static Path createTemporary(Path target) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".partial");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // another run's temporary file: draw another name
            }
        }
    }

    /** Creates missing folders, remembering them so that a failed run removes them again. */
    private void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
            missing.add(d);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            try {
                Files.createDirectory(missing.get(i));
                createdDirs.push(missing.get(i));
            } catch (FileAlreadyExistsException e) {
                // a concurrent conversion (batch jobs=N into one folder) made it first; it is not ours to remove
                if (!Files.isDirectory(missing.get(i))) {
                    throw e;
                }
            }
        }
    }

    /**
     * Renames every temporary file onto its target, unless the thread was interrupted: a cancelled
     * conversion (batch stopped, Ctrl-C) then leaves nothing, as file writes do not stop on interrupt.
     * A rename that fails removes the targets already renamed, so no mixed set of old and new remains.
     */
    public void commit() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ConversionException("interrupted: no output was written");
        }
        List<Path> moved = new ArrayList<>();
        for (Map.Entry<Path, Path> e : pending.entrySet()) {
            try {
                move(e.getValue(), e.getKey());
                moved.add(e.getKey());
            } catch (IOException ex) {
                moved.forEach(AtomicOutputs::deleteQuietly);
                throw new ConversionException("cannot write " + e.getKey() + " (" + ex.getMessage()
                        + "); no output was written", ex);
            }
        }
        committed = true;
    }

    /** A device or pipe ({@code ncnnpy=/dev/null}, a FIFO) that a rename would replace by a plain file. */
    private static boolean isDevice(Path p) {
        return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes temporary files and the folders made for them, left by a failed run. */
    @Override
    public void close() {
        if (!committed) {
            pending.values().forEach(AtomicOutputs::deleteQuietly);
            createdDirs.forEach(AtomicOutputs::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temporary file has a .partial suffix and a leading dot, never mistaken for output
        }
    }
}

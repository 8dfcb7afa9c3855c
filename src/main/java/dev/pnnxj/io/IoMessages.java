package dev.pnnxj.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * An I/O failure in words a user can act on. The JDK's own messages are often only the path
 * again ({@code nosuch.param: nosuch.param}) or a decoder's internals ({@code Input length = 1}).
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** Why the file could not be read or written, without repeating its path. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a path component is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text (is it a binary file given in the wrong place?)";
        }
        if (e instanceof EOFException) {
            return "the file ends early (truncated?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package dev.pnnxj;

/**
 * A failure the user can act on: bad input file, bad option, unsupported model. The message is
 * the whole story (what, where, and what to do); the CLI prints it without a stack trace.
 */
public class ConversionException extends RuntimeException {
    private final int exitCode;

    public ConversionException(String message) {
        this(message, 1, null);
    }

    public ConversionException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public ConversionException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Process exit code: 1 for bad input or options, 2 for a model with unsupported nodes. */
    public int exitCode() {
        return exitCode;
    }
}

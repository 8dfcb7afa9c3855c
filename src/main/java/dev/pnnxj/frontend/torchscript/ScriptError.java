package dev.pnnxj.frontend.torchscript;

/**
 * A problem with one statement of TorchScript code; the interpreter adds the file, line and module
 * and turns it into a {@link dev.pnnxj.ConversionException}.
 */
final class ScriptError extends RuntimeException {
    ScriptError(String message) {
        super(message);
    }

    /** For a value that is only known at run time where pnnx-j needs it while converting. */
    static ScriptError notStatic(String what) {
        return new ScriptError(what + " is not known at conversion time; give the input shapes with inputshape=[...]"
                + " so that it can be computed");
    }
}

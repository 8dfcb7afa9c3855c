package dev.pnnxj.ncnn;

import dev.pnnxj.ConversionException;
import java.util.List;

/** Every node that could not be lowered, reported together (exit code 2). */
public final class UnsupportedNodesException extends ConversionException {
    /** One node ncnn cannot run and why. */
    public record Problem(String node, String op, String inputs, String reason) {
        @Override
        public String toString() {
            return "  " + op + " '" + node + "' " + inputs + ": " + reason;
        }
    }

    private final transient List<Problem> problems;

    public UnsupportedNodesException(List<Problem> problems) {
        super(message(problems), 2, null);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " node" : " nodes")
                .append(" cannot be converted to ncnn:");
        for (Problem p : problems) {
            sb.append('\n').append(p);
        }
        sb.append("\nNo files were written. Give inputshape= if shapes are dynamic, or simplify the listed ops in the model.");
        return sb.toString();
    }
}

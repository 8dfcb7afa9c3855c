package dev.pnnxj.ncnn;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.Shape;
import java.util.List;
import java.util.StringJoiner;

/** Every node that could not be lowered, reported together (exit code 2). */
public final class UnsupportedNodesException extends ConversionException {
    /** Why a node cannot be converted, coarsely, for reports and tools. */
    public enum Kind {
        /** No ncnn layer implements the op. */
        UNKNOWN_OP,
        /** An output shape depends on input values, so it cannot be fixed at conversion time. */
        DATA_DEPENDENT_SHAPE,
        /** A tensor has more than four dims after ncnn drops the batch axis. */
        RANK_ABOVE_4,
        /** The op is known but this attribute value or input form has no ncnn equivalent. */
        UNSUPPORTED_FORM,
        /** An input has no static shape because of another reported node upstream. */
        UPSTREAM
    }

    /** One node input as the report shows it; {@code shape} is null when unknown. */
    public record Operand(String name, String dtype, int[] shape, boolean constant) {
        @Override
        public String toString() {
            return name + ":" + dtype + (shape == null ? "[?]" : Shape.of(shape).toString()) + (constant ? " const" : "");
        }
    }

    /** One node ncnn cannot run and why. */
    public record Problem(String node, String op, List<Operand> inputs, Kind kind, String reason) {
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ", "(", ")");
            inputs.forEach(o -> j.add(o == null ? "-" : o.toString()));
            return "  " + op + " '" + node + "' " + j + ": " + reason
                    + " [" + kind.name().toLowerCase().replace('_', ' ') + "]";
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

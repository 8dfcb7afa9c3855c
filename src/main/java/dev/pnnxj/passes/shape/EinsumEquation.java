package dev.pnnxj.passes.shape;

import dev.pnnxj.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * An einsum equation with an explicit output ({@code "bij,bjk->bik"}): one letter per axis of each
 * operand and of the result, without ellipsis or repeated letters within a term (no diagonals).
 */
public final class EinsumEquation {
    private final List<String> inputs;
    private final String output;

    private EinsumEquation(List<String> inputs, String output) {
        this.inputs = inputs;
        this.output = output;
    }

    /** The parsed equation, or null for a form this class does not take (implicit output, "...", diagonals). */
    public static EinsumEquation parse(String equation) {
        if (equation == null) {
            return null;
        }
        String e = equation.replace(" ", "");
        int arrow = e.indexOf("->");
        if (arrow < 0 || e.contains(".")) {
            return null;
        }
        List<String> ins = List.of(e.substring(0, arrow).split(",", -1));
        String out = e.substring(arrow + 2);
        for (String term : concat(ins, out)) {
            if (!term.chars().allMatch(Character::isLetter) || term.chars().distinct().count() != term.length()) {
                return null;
            }
        }
        for (char c : out.toCharArray()) {
            if (ins.stream().noneMatch(t -> t.indexOf(c) >= 0)) {
                return null;
            }
        }
        return new EinsumEquation(ins, out);
    }

    private static List<String> concat(List<String> ins, String out) {
        List<String> all = new ArrayList<>(ins);
        all.add(out);
        return all;
    }

    public List<String> inputs() {
        return inputs;
    }

    public String output() {
        return output;
    }

    /** The size of each label, the largest an operand gives it (size-1 axes broadcast). */
    public int size(char label, List<Shape> shapes) {
        int size = 1;
        for (int i = 0; i < inputs.size(); i++) {
            int at = inputs.get(i).indexOf(label);
            if (at >= 0) {
                int d = shapes.get(i).dim(at);
                if (d == Shape.UNKNOWN) {
                    return Shape.UNKNOWN;
                }
                size = Math.max(size, d);
            }
        }
        return size;
    }

    /** The result's shape for operands of these shapes; throws when a rank does not match its term. */
    public Shape outputShape(List<Shape> shapes) {
        if (shapes.size() != inputs.size()) {
            throw new IllegalArgumentException("einsum '" + this + "' given " + shapes.size() + " operands");
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).rank() != inputs.get(i).length()) {
                throw new IllegalArgumentException("einsum term '" + inputs.get(i) + "' given a " + shapes.get(i));
            }
        }
        int[] dims = new int[output.length()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = size(output.charAt(k), shapes);
        }
        return Shape.of(dims);
    }

    @Override
    public String toString() {
        return String.join(",", inputs) + "->" + output;
    }
}

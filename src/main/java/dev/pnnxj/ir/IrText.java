package dev.pnnxj.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A graph as text that reads on one screen, printed and parsed, so pass tests state "input IR ⇒
 * expected IR". {@link #parse} of {@link #print}'s text prints the same text again.
 *
 * <pre>
 *   input x:f32[1,8,16]
 *   const w:f32[16,16]                      weights by shape only
 *   const eps:f32[] = [1.0E-5]              up to 8 elements inline
 *   m:f32[1,8,1] = ReduceMean(x, axes) keepdims=1
 *   a:f32[1,4], b:f32[1,4] = Split@cut(y, sizes) axis=1    "@cut": a node name other than its first output's
 *   z:f32[1,8] = Gemm(x, w, _)               "_": an omitted optional input
 *   output z
 * </pre>
 *
 * A value is {@code name:dtype[dims]} ({@code ?} for an unknown dtype or dim, no brackets for an
 * unknown shape). Attributes are {@code key=value}: integers, floats (always with a '.' or an
 * exponent), quoted strings, and bracketed lists of either. A constant written without values is
 * filled with numbers in [-1, 1) from a generator seeded by its name (zeros for integer types), so
 * a parsed graph computes the same every time. Blank lines and lines starting with '#' are skipped.
 * Constants are printed in the order the nodes first read them (text written that way round-trips).
 */
public final class IrText {
    /** Constants up to this many elements show their values. */
    private static final int INLINE = 8;

    private IrText() {
    }

    public static String print(Graph g) {
        StringBuilder sb = new StringBuilder();
        for (Value v : g.inputs()) {
            sb.append("input ").append(decl(v)).append('\n');
        }
        Set<Value> constants = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            for (Value v : n.inputs()) {
                if (v != null && v.isConstant() && v.producer() == null) {
                    constants.add(v);
                }
            }
        }
        for (Value v : g.outputs()) {
            if (v.isConstant() && v.producer() == null) {
                constants.add(v);
            }
        }
        for (Value v : constants) {
            sb.append("const ").append(decl(v)).append(values(v.constant())).append('\n');
        }
        for (Node n : g.nodes()) {
            StringJoiner outs = new StringJoiner(", ");
            n.outputs().forEach(v -> outs.add(decl(v)));
            StringJoiner ins = new StringJoiner(", ");
            n.inputs().forEach(v -> ins.add(v == null ? "_" : v.name()));
            sb.append(outs).append(" = ").append(n.op());
            if (n.outputs().isEmpty() || !n.name().equals(n.output(0).name())) {
                sb.append('@').append(n.name());
            }
            sb.append('(').append(ins).append(')');
            for (Map.Entry<String, Object> a : n.attrs().entrySet()) {
                sb.append(' ').append(a.getKey()).append('=').append(attr(a.getValue()));
            }
            sb.append('\n');
        }
        StringJoiner outs = new StringJoiner(", ");
        g.outputs().forEach(v -> outs.add(v.name()));
        return sb.append("output ").append(outs).append('\n').toString();
    }

    private static String decl(Value v) {
        return v.name() + ":" + (v.dtype() == null ? "?" : suffix(v.dtype())) + (v.shape() == null ? "" : v.shape());
    }

    private static String values(Tensor t) {
        return t.numel() <= INLINE ? " = " + list(t) : "";
    }

    private static String list(Tensor t) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        if (t.dtype().isFloating()) {
            for (double d : t.toDoubles()) {
                j.add(t.dtype() == DType.FLOAT64 ? Double.toString(d) : Float.toString((float) d));
            }
        } else {
            for (long l : t.toLongs()) {
                j.add(Long.toString(l));
            }
        }
        return j.toString();
    }

    private static String attr(Object v) {
        if (v instanceof long[] l) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (long x : l) {
                j.add(Long.toString(x));
            }
            return j.toString();
        }
        if (v instanceof float[] f) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (float x : f) {
                j.add(Float.toString(x));
            }
            return j.toString();
        }
        if (v instanceof String[] s) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            for (String x : s) {
                j.add(quote(x));
            }
            return j.toString();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Tensor t) {
            return "tensor(" + suffix(t.dtype()) + t.shape() + "=" + list(t) + ")";
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String suffix(DType d) {
        return switch (d) {
            case FLOAT32 -> "f32";
            case FLOAT16 -> "f16";
            case BFLOAT16 -> "bf16";
            case FLOAT64 -> "f64";
            case INT8 -> "i8";
            case INT16 -> "i16";
            case INT32 -> "i32";
            case INT64 -> "i64";
            case UINT8 -> "u8";
            case UINT16 -> "u16";
            case UINT32 -> "u32";
            case UINT64 -> "u64";
            case BOOL -> "bool";
        };
    }

    private static DType dtype(String s) {
        for (DType d : DType.values()) {
            if (suffix(d).equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + s);
    }

    /** The graph the text describes; throws IllegalArgumentException naming the line on any error. */
    public static Graph parse(String text) {
        Graph g = new Graph();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                new Line(g, line).parse();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + line + ": " + e.getMessage(), e);
            }
        }
        return g;
    }

    /** A cursor over one line of the text. */
    private static final class Line {
        private final Graph g;
        private final String s;
        private int pos;

        Line(Graph g, String s) {
            this.g = g;
            this.s = s;
        }

        void parse() {
            if (s.startsWith("input ")) {
                pos = 6;
                Value v = declared();
                g.addInput(v.name(), v.dtype(), v.shape());
            } else if (s.startsWith("const ")) {
                pos = 6;
                Value v = declared();
                skipSpace();
                Tensor t;
                if (peek('=')) {
                    pos++;
                    t = tensor(v.dtype(), v.shape());
                } else {
                    t = filled(v.name(), v.dtype(), v.shape());
                }
                unused(v.name());
                g.constant(v.name(), t);
            } else if (s.startsWith("output ")) {
                pos = 7;
                do {
                    g.addOutput(ref(name()));
                } while (comma());
            } else {
                node();
            }
            skipSpace();
            if (pos != s.length()) {
                throw new IllegalArgumentException("unexpected text at column " + (pos + 1));
            }
        }

        private void node() {
            List<Value> outs = new ArrayList<>();
            do {
                outs.add(declared());
            } while (comma());
            expect('=');
            String op = name();
            String nodeName = outs.isEmpty() ? op : outs.get(0).name();
            if (peek('@')) {
                pos++;
                nodeName = name();
            }
            expect('(');
            List<Value> ins = new ArrayList<>();
            skipSpace();
            if (!peek(')')) {
                do {
                    String n = name();
                    ins.add(n.equals("_") ? null : ref(n));
                } while (comma());
            }
            expect(')');
            List<Value> made = new ArrayList<>();
            for (Value o : outs) {
                unused(o.name());
                made.add(g.newValue(o.name(), o.dtype(), o.shape()));
            }
            Node n = g.addNodeWithOutputs(op, nodeName, ins, made);
            skipSpace();
            while (pos < s.length()) {
                String key = name();
                expect('=');
                n.set(key, attrValue());
                skipSpace();
            }
        }

        /** {@code name:dtype[dims]} as a detached value carrying the three parts. */
        private Value declared() {
            String name = name();
            expect(':');
            int start = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos)) || peek('?')) {
                pos++;
            }
            String type = s.substring(start, pos);
            DType dtype = type.equals("?") ? null : dtype(type);
            Shape shape = null;
            if (peek('[')) {
                int end = s.indexOf(']', pos);
                String body = s.substring(pos + 1, end);
                pos = end + 1;
                String[] parts = body.isEmpty() ? new String[0] : body.split(",");
                int[] dims = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    String p = parts[i].strip();
                    dims[i] = p.equals("?") ? Shape.UNKNOWN : Integer.parseInt(p);
                }
                shape = Shape.of(dims);
            }
            return new Value(name, dtype, shape);
        }

        private Tensor tensor(DType dtype, Shape shape) {
            List<String> items = list();
            double[] v = new double[items.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(items.get(i));
            }
            return Tensor.ofDoubles(dtype, shape, v);
        }

        private Object attrValue() {
            skipSpace();
            if (peek('"')) {
                return string();
            }
            if (s.startsWith("tensor(", pos)) {
                pos += 7;
                Value v = declared();
                expect('=');
                Tensor t = tensor(v.dtype(), v.shape());
                expect(')');
                return t;
            }
            if (peek('[')) {
                List<String> items = list();
                if (!items.isEmpty() && items.get(0).startsWith("\"")) {
                    return items.stream().map(x -> new Line(g, x).string()).toArray(String[]::new);
                }
                if (items.stream().anyMatch(Line::isFloat)) {
                    float[] f = new float[items.size()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = Float.parseFloat(items.get(i));
                    }
                    return f;
                }
                return items.stream().mapToLong(Long::parseLong).toArray();
            }
            String word = name();
            return isFloat(word) ? (Object) Float.parseFloat(word) : (Object) Long.parseLong(word);
        }

        private static boolean isFloat(String word) {
            return word.contains(".") || word.contains("E") || word.contains("Infinity") || word.contains("NaN");
        }

        /** A bracketed, comma-separated list of raw items (numbers or quoted strings). */
        private List<String> list() {
            expect('[');
            List<String> items = new ArrayList<>();
            skipSpace();
            while (!peek(']')) {
                int start = pos;
                if (peek('"')) {
                    string();
                } else {
                    while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ']') {
                        pos++;
                    }
                }
                items.add(s.substring(start, pos).strip());
                if (peek(',')) {
                    pos++;
                }
                skipSpace();
            }
            pos++;
            return items;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                sb.append(c == '\\' ? s.charAt(pos++) : c);
            }
            pos++;
            return sb.toString();
        }

        /** A name: every character up to white space or punctuation of the syntax. */
        private String name() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && " \t,()=:[]@\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("a name expected at column " + (pos + 1));
            }
            return s.substring(start, pos);
        }

        private Value ref(String name) {
            Value v = g.value(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown value " + name);
            }
            return v;
        }

        private void unused(String name) {
            if (g.value(name) != null) {
                throw new IllegalArgumentException("value " + name + " defined twice");
            }
        }

        private boolean comma() {
            skipSpace();
            if (peek(',')) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpace();
            if (!peek(c)) {
                throw new IllegalArgumentException("'" + c + "' expected at column " + (pos + 1));
            }
            pos++;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }

    /** Deterministic stand-in data for a constant given by shape only. */
    private static Tensor filled(String name, DType dtype, Shape shape) {
        double[] v = new double[Math.toIntExact(shape.numel())];
        if (dtype.isFloating()) {
            long state = name.hashCode() * 0x9E3779B97F4A7C15L + 1;
            for (int i = 0; i < v.length; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                v[i] = ((state >>> 40) / (double) (1L << 24)) * 2 - 1;
            }
        }
        return Tensor.ofDoubles(dtype, shape, v);
    }
}

package dev.pnnxj.io;

import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, collections, strings, numbers, booleans and nulls as indented JSON. Files every
 * conversion writes (the weight manifest) go through this instead of a JSON library, whose
 * classes would cost a short conversion more start-up than the conversion itself.
 */
public final class JsonWriter {
    private final Appendable out;

    private JsonWriter(Appendable out) {
        this.out = out;
    }

    /** Writes {@code value} to {@code out}, two spaces per level, followed by a newline. */
    public static void write(Object value, Appendable out) throws IOException {
        new JsonWriter(out).value(value, 0);
        out.append('\n');
    }

    private void value(Object v, int depth) throws IOException {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> m) {
            object(m, depth);
        } else if (v instanceof Collection<?> c) {
            array(c, depth);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            out.append(v.toString());
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    private void object(Map<?, ?> m, int depth) throws IOException {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(depth + 1);
            string(e.getKey().toString());
            out.append(": ");
            value(e.getValue(), depth + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append('}');
    }

    private void array(Collection<?> c, int depth) throws IOException {
        if (c.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        Iterator<?> it = c.iterator();
        while (it.hasNext()) {
            newline(depth + 1);
            value(it.next(), depth + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append(']');
    }

    private void newline(int depth) throws IOException {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(String s) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}

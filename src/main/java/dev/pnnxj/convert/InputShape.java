package dev.pnnxj.convert;

import dev.pnnxj.ConversionException;
import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of pnnx's {@code inputshape=} syntax: {@code [1,3,224,224]} with an optional dtype
 * suffix ({@code f32}, {@code i64} ...). Several inputs are written {@code [..],[..]}.
 * {@code dtypeGiven} tells a suffix from the float32 default, so a model's declared type is kept
 * unless a suffix names it, and a suffix that disagrees with it is refused.
 */
public record InputShape(Shape shape, DType dtype, boolean dtypeGiven) {

    private static final Pattern ONE = Pattern.compile("\\[([^\\]]*)\\]([a-z0-9]*)");

    /** Parses a whole {@code inputshape=} value; {@code key} names the option in messages. */
    public static List<InputShape> parseList(String key, String text) {
        List<InputShape> out = new ArrayList<>();
        Matcher m = ONE.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw bad(key, text, "expected [d0,d1,...] at position " + pos);
            }
            String dims = m.group(1);
            if (dims.isEmpty()) {
                throw bad(key, text, "an input shape has no dims");
            }
            List<Integer> d = new ArrayList<>();
            for (String s : dims.split(",", -1)) {
                if (s.isEmpty()) {
                    throw bad(key, text, "empty dim");
                }
                try {
                    int v = Integer.parseInt(s);
                    if (v <= 0) {
                        throw bad(key, text, "dims must be positive");
                    }
                    d.add(v);
                } catch (NumberFormatException e) {
                    throw bad(key, text, "dim '" + s + "' is not a number");
                }
            }
            DType dt = DType.FLOAT32;
            if (!m.group(2).isEmpty()) {
                dt = DType.fromSuffix(m.group(2));
                if (dt == null) {
                    throw bad(key, text, "unknown dtype suffix '" + m.group(2) + "' (use f32, f16, f64, i8, i16, i32, i64, u8 or bool)");
                }
            }
            out.add(new InputShape(Shape.of(d.stream().mapToInt(Integer::intValue).toArray()), dt, !m.group(2).isEmpty()));
            pos = m.end();
            if (pos < text.length()) {
                if (text.charAt(pos) != ',') {
                    throw bad(key, text, "expected ',' between shapes at position " + pos);
                }
                pos++;
                if (pos == text.length()) {
                    throw bad(key, text, "trailing ','");
                }
            }
        }
        if (out.isEmpty()) {
            throw bad(key, text, "no shape given");
        }
        return out;
    }

    private static ConversionException bad(String key, String text, String why) {
        return new ConversionException("bad " + key + "=" + text + ": " + why
                + ". Example: " + key + "=[1,3,224,224] or " + key + "=[1,3,224,224],[1,10]i64");
    }
}

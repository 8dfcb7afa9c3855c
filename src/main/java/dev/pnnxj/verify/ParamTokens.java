package dev.pnnxj.verify;

import java.util.regex.Pattern;

/**
 * The {@code id=value} tokens of a layer line, read with ncnn's rules: a value is a float when it
 * contains '.', 'e' or 'E', a string when it starts with a letter or a quote, otherwise an int;
 * {@code -233xx=n,a,b,...} is an old-style array of n elements for id xx; {@code id=a,b,...} is a
 * new-style array whose kind is that of its first element. Anything ncnn's scanner would silently
 * misread (values over 15 characters, 32-bit overflow in its float reader, trailing garbage,
 * mixed new-style arrays, repeated ids) is rejected with a message saying why.
 */
final class ParamTokens {
    /** ncnn scans each value with {@code %15[^,\n ]}. */
    private static final int MAX_VALUE_CHARS = 15;
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?\\d*(\\.\\d*)?([eE][+-]?\\d*)?");
    private static final long U32 = 0xffffffffL;

    private ParamTokens() {
    }

    static void parseInto(String[] tokens, LayerParams params) {
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed parameter '" + t + "', expected id=value");
            }
            int key;
            try {
                key = Integer.parseInt(t.substring(0, eq));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed parameter id in '" + t + "'");
            }
            boolean oldArray = key <= -23300;
            int id = oldArray ? -key - 23300 : key;
            if (id < 0 || id >= LayerParams.MAX_ID) {
                throw new IllegalArgumentException("parameter id " + key + " is out of ncnn's range [0, "
                        + LayerParams.MAX_ID + ")");
            }
            if (params.has(id)) {
                throw new IllegalArgumentException("parameter id " + id + " is given twice");
            }
            String value = t.substring(eq + 1);
            if (value.isEmpty()) {
                throw new IllegalArgumentException("parameter " + key + " has no value");
            }
            if (oldArray) {
                params.putArray(id, oldStyleArray(key, value));
            } else if (isString(value)) {
                StringBuilder s = new StringBuilder(value);
                if (value.charAt(0) == '"') {
                    // a quoted string runs to the closing quote, across spaces
                    while (s.length() < 2 || s.charAt(s.length() - 1) != '"') {
                        if (++i >= tokens.length) {
                            throw new IllegalArgumentException("unterminated string for parameter " + id);
                        }
                        s.append(' ').append(tokens[i]);
                    }
                    s.deleteCharAt(s.length() - 1).deleteCharAt(0);
                }
                params.putString(id, s.toString());
            } else {
                String[] parts = value.split(",", -1);
                if (parts.length == 1) {
                    params.putScalar(id, bits(value, isFloat(value)), isFloat(value));
                } else {
                    boolean f = isFloat(parts[0]);
                    int[] bits = new int[parts.length];
                    for (int j = 0; j < parts.length; j++) {
                        if (isFloat(parts[j]) != f) {
                            throw new IllegalArgumentException("array parameter " + id + " mixes int and float "
                                    + "elements; ncnn reads every element as its first element's kind");
                        }
                        bits[j] = bits(parts[j], f);
                    }
                    params.putArray(id, bits);
                }
            }
        }
    }

    private static int[] oldStyleArray(int key, String value) {
        String[] parts = value.split(",", -1);
        int n = (int) parseInt(parts[0]);
        if (n < 0 || parts.length - 1 != n) {
            throw new IllegalArgumentException("array parameter " + key + " declares " + parts[0]
                    + " elements but lists " + (parts.length - 1));
        }
        int[] bits = new int[n];
        for (int j = 0; j < n; j++) {
            // ncnn decides int or float per element here
            bits[j] = bits(parts[j + 1], isFloat(parts[j + 1]));
        }
        return bits;
    }

    private static boolean isString(String v) {
        return Character.isLetter(v.charAt(0)) || v.charAt(0) == '"';
    }

    private static boolean isFloat(String v) {
        return v.indexOf('.') >= 0 || v.indexOf('e') >= 0 || v.indexOf('E') >= 0;
    }

    private static int bits(String v, boolean isFloat) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty array element");
        }
        if (v.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("value '" + v + "' is longer than the " + MAX_VALUE_CHARS
                    + " characters ncnn reads");
        }
        return isFloat ? Float.floatToRawIntBits(ncnnFloat(v)) : (int) parseInt(v);
    }

    private static long parseInt(String v) {
        if (!INT.matcher(v).matches()) {
            throw new IllegalArgumentException("malformed integer '" + v + "'");
        }
        long l;
        try {
            l = Long.parseLong(v);
        } catch (NumberFormatException e) {
            l = Long.MAX_VALUE;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer '" + v + "' does not fit 32 bits");
        }
        return l;
    }

    /**
     * ncnn's vstr_to_float: integer and fraction digits are accumulated in 32-bit unsigned ints and
     * the exponent applied by repeated multiplication in double. Where those ints would wrap, ncnn
     * reads a different number than was written, so that is an error here.
     */
    static float ncnnFloat(String v) {
        if (!FLOAT.matcher(v).matches()) {
            throw new IllegalArgumentException("malformed float '" + v + "'");
        }
        int p = 0;
        boolean negative = v.charAt(0) == '-';
        if (v.charAt(0) == '+' || v.charAt(0) == '-') {
            p++;
        }
        long whole = 0;
        while (p < v.length() && Character.isDigit(v.charAt(p))) {
            whole = whole * 10 + (v.charAt(p++) - '0');
            checkU32(whole, v);
        }
        double value = whole;
        if (p < v.length() && v.charAt(p) == '.') {
            p++;
            long pow10 = 1;
            long frac = 0;
            while (p < v.length() && Character.isDigit(v.charAt(p))) {
                frac = frac * 10 + (v.charAt(p++) - '0');
                pow10 *= 10;
                checkU32(pow10, v);
            }
            value += frac / (double) pow10;
        }
        if (p < v.length()) {
            p++; // 'e' or 'E'
            boolean positiveExp = p >= v.length() || v.charAt(p) != '-';
            if (p < v.length() && (v.charAt(p) == '+' || v.charAt(p) == '-')) {
                p++;
            }
            long exp = 0;
            while (p < v.length()) {
                exp = exp * 10 + (v.charAt(p++) - '0');
                checkU32(exp, v);
            }
            double scale = 1.0;
            for (; exp >= 8; exp -= 8) {
                scale *= 1e8;
            }
            for (; exp > 0; exp--) {
                scale *= 10.0;
            }
            value = positiveExp ? value * scale : value / scale;
        }
        return negative ? (float) -value : (float) value;
    }

    private static void checkU32(long v, String text) {
        if (v > U32) {
            throw new IllegalArgumentException("float '" + text + "' overflows ncnn's 32-bit digit accumulator;"
                    + " ncnn would read a different value (write fewer digits)");
        }
    }
}

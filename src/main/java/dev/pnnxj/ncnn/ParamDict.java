package dev.pnnxj.ncnn;

import dev.pnnxj.ncnn.layer.Param;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A layer's params by ncnn param id, written in ncnn's text form: {@code id=int},
 * {@code id=float}, and arrays as {@code -233xx=n,v1,...} keyed by {@code -23300 - id}. Layer code
 * names params by their schema entry ({@code Interp.RESIZE_TYPE}), whose type picks the value type;
 * the id-keyed methods are for this package's writer and tests.
 */
public final class ParamDict {
    private final Map<Integer, Object> params = new TreeMap<>();

    public ParamDict put(Param.Int p, int v) {
        return put(p.id(), v);
    }

    public ParamDict put(Param.Float p, float v) {
        return put(p.id(), v);
    }

    public ParamDict put(Param.IntArray p, int[] v) {
        return put(p.id(), v);
    }

    public ParamDict put(Param.FloatArray p, float[] v) {
        return put(p.id(), v);
    }

    /** The value written for the param, or its schema default. */
    public int getInt(Param.Int p) {
        return getInt(p.id(), p.defaultValue());
    }

    /** The value written for the param, or its schema default. */
    public float getFloat(Param.Float p) {
        return getFloat(p.id(), p.defaultValue());
    }

    /** The array written for the param, or null. */
    public int[] getInts(Param.IntArray p) {
        return getInts(p.id());
    }

    public boolean has(Param p) {
        return params.containsKey(p.id());
    }

    public void remove(Param p) {
        remove(p.id());
    }

    ParamDict put(int id, int v) {
        params.put(id, v);
        return this;
    }

    ParamDict put(int id, float v) {
        params.put(id, v);
        return this;
    }

    ParamDict put(int id, int[] v) {
        params.put(id, v.clone());
        return this;
    }

    ParamDict put(int id, float[] v) {
        params.put(id, v.clone());
        return this;
    }

    Object get(int id) {
        return params.get(id);
    }

    int getInt(int id, int dflt) {
        Object v = params.get(id);
        return v == null ? dflt : (Integer) v;
    }

    float getFloat(int id, float dflt) {
        Object v = params.get(id);
        return v == null ? dflt : (Float) v;
    }

    int[] getInts(int id) {
        return (int[]) params.get(id);
    }

    /** The param ids present, ascending. */
    public java.util.Set<Integer> ids() {
        return java.util.Collections.unmodifiableSet(params.keySet());
    }

    void remove(int id) {
        params.remove(id);
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** The params as they appear on a .param line, space separated, ids ascending. */
    public String toParamString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Integer, Object> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            int id = e.getKey();
            Object v = e.getValue();
            if (v instanceof int[] a) {
                sb.append(-23300 - id).append('=').append(a.length);
                for (int x : a) {
                    sb.append(',').append(x);
                }
            } else if (v instanceof float[] a) {
                sb.append(-23300 - id).append('=').append(a.length);
                for (float x : a) {
                    sb.append(',').append(formatFloat(x));
                }
            } else if (v instanceof Float f) {
                sb.append(id).append('=').append(formatFloat(f));
            } else {
                sb.append(id).append('=').append(v);
            }
        }
        return sb.toString();
    }

    /**
     * The shortest scientific form that reads back as the same float. ncnn reads a value of at
     * most 15 characters and decides "float" by a '.' or 'e' in it, and its decimal parser
     * overflows past 9 fraction digits, so plain {@code Float.toString} is not safe.
     */
    static String formatFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            throw new IllegalArgumentException("ncnn params cannot hold " + f);
        }
        for (int digits = 1; digits < 8; digits++) {
            String s = String.format(Locale.ROOT, "%." + digits + "e", f);
            if (Float.parseFloat(s) == f) {
                return s;
            }
        }
        return String.format(Locale.ROOT, "%.8e", f);
    }
}

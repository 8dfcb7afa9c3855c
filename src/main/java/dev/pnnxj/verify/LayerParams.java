package dev.pnnxj.verify;

import dev.pnnxj.ncnn.layer.Param;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code id=value} pairs of one .param layer line, kept the way ncnn keeps them: every number
 * is a 32-bit pattern and the getter decides how to read it. An int written where a layer reads a
 * float (or the reverse) is therefore reinterpreted bit for bit, exactly as ncnn does, so a writer
 * that prints {@code 1=1} for a float parameter gets the same wrong value here as in ncnn. Layers
 * read params by their schema entry ({@code Interp.RESIZE_TYPE}) with defaults of their own, so
 * the executor checks the schema's defaults rather than sharing them.
 */
public final class LayerParams {
    /** ncnn's NCNN_MAX_PARAM_COUNT: ids must lie in [0, 32). */
    public static final int MAX_ID = 32;

    /** How a value was written; only strings and the scalar/array split change what getters see. */
    public enum Kind { INT, FLOAT, ARRAY, STRING }

    private record Entry(Kind kind, int bits, int[] array, String text) {
    }

    private final Map<Integer, Entry> entries = new HashMap<>();

    void putScalar(int id, int bits, boolean isFloat) {
        entries.put(id, new Entry(isFloat ? Kind.FLOAT : Kind.INT, bits, null, null));
    }

    void putArray(int id, int[] bits) {
        entries.put(id, new Entry(Kind.ARRAY, 0, bits, null));
    }

    void putString(int id, String text) {
        entries.put(id, new Entry(Kind.STRING, 0, null, text));
    }

    public boolean has(Param p) {
        return has(p.id());
    }

    public int getInt(Param.Int p, int def) {
        return getInt(p.id(), def);
    }

    public float getFloat(Param.Float p, float def) {
        return getFloat(p.id(), def);
    }

    public int[] getInts(Param.IntArray p) {
        return getInts(p.id());
    }

    public float[] getFloats(Param.FloatArray p) {
        return getFloats(p.id());
    }

    boolean has(int id) {
        return entries.containsKey(id);
    }

    Kind kind(int id) {
        Entry e = entries.get(id);
        return e == null ? null : e.kind;
    }

    /** ncnn's {@code get(id, int)}: array and string entries read as 0, like ncnn's cleared union. */
    int getInt(int id, int def) {
        Entry e = entries.get(id);
        return e == null ? def : e.bits;
    }

    /** ncnn's {@code get(id, float)}: the stored bits read as a float, whatever was written. */
    float getFloat(int id, float def) {
        Entry e = entries.get(id);
        return e == null ? def : Float.intBitsToFloat(e.bits);
    }

    /** ncnn's {@code get(id, Mat)} read as ints; empty when absent or scalar. */
    int[] getInts(int id) {
        Entry e = entries.get(id);
        return e == null || e.array == null ? new int[0] : e.array.clone();
    }

    /** ncnn's {@code get(id, Mat)} read as floats (bit reinterpretation of int elements). */
    float[] getFloats(int id) {
        int[] bits = getInts(id);
        float[] f = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            f[i] = Float.intBitsToFloat(bits[i]);
        }
        return f;
    }

    String getString(int id, String def) {
        Entry e = entries.get(id);
        return e == null ? def : e.text == null ? "" : e.text;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        entries.forEach((id, e) -> sb.append(id).append('=').append(switch (e.kind) {
            case INT -> String.valueOf(e.bits);
            case FLOAT -> String.valueOf(Float.intBitsToFloat(e.bits));
            case ARRAY -> Arrays.toString(e.array);
            case STRING -> '"' + e.text + '"';
        }).append(' '));
        return sb.toString().trim();
    }
}

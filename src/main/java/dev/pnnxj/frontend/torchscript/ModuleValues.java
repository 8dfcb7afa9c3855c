package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Param;
import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns unpickled data into interpreter values: tensors become {@link Param}s named by where they
 * are found ({@code layer1.0.conv1.weight}, {@code CONSTANTS.c0}, {@code blocks.2} for a list
 * item), submodules learn their path, pickle tuples become {@link Tuple}s and ints become Longs.
 */
final class ModuleValues {
    private ModuleValues() {
    }

    static Object wrap(Object v, String path) {
        if (v instanceof StoredTensor t) {
            return new Param(path, t);
        }
        if (v instanceof ScriptObject o) {
            o.reachedAs(path);
            return o;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Float x) {
            return x.doubleValue();
        }
        if (v instanceof Object[] tuple) {
            return new Tuple(wrapAll(List.of(tuple), path));
        }
        if (v instanceof List<?> list) {
            return wrapAll(list, path);
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(wrap(k, path), wrap(x, path + "." + k)));
            return out;
        }
        return v;
    }

    private static List<Object> wrapAll(List<?> items, String path) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(wrap(items.get(i), path + "." + i));
        }
        return out;
    }
}

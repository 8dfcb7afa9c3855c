package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.ir.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one aten call, bound to the parameter names of the op's schema (positional
 * first, then keywords), with typed getters. A missing argument or None reads as its default.
 */
final class OpArgs {
    private final String op;
    private final List<String> names;
    private final Object[] values;
    private final IrBuilder ir;

    OpArgs(String op, List<String> names, List<Object> positional, Map<String, Object> keywords, IrBuilder ir) {
        this.op = op;
        this.names = names;
        this.ir = ir;
        if (positional.size() > names.size()) {
            throw new ScriptError("aten::" + op + " got " + positional.size() + " arguments; pnnx-j knows the form ("
                    + String.join(", ", names) + ")");
        }
        values = new Object[names.size()];
        for (int i = 0; i < positional.size(); i++) {
            values[i] = current(positional.get(i));
        }
        for (Map.Entry<String, Object> e : keywords.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw new ScriptError("aten::" + op + " has no argument '" + e.getKey() + "' in the form pnnx-j knows ("
                        + String.join(", ", names) + ")");
            }
            values[i] = current(e.getValue());
        }
    }

    /** A tensor argument as the in-place writes so far left it. */
    private Object current(Object v) {
        return v instanceof Value value ? ir.writes().current(value) : v;
    }

    String op() {
        return op;
    }

    IrBuilder ir() {
        return ir;
    }

    /**
     * The raw argument, or null when absent or None. A parameter the op's schema lacks reads as
     * absent, so one mapping serves ops whose schemas differ in optional parameters.
     */
    Object get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : values[i];
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** A required tensor argument. */
    Value tensor(String name) {
        return ir.tensor(require(name));
    }

    /** A tensor argument, or null when absent or None. */
    Value optTensor(String name) {
        return has(name) ? ir.tensor(get(name)) : null;
    }

    long integer(String name, long dflt) {
        Object v = get(name);
        if (v == null) {
            return dflt;
        }
        Long l = IrBuilder.staticLong(v);
        if (l == null) {
            throw typeOrStatic(name, "an int", v);
        }
        return l;
    }

    long integer(String name) {
        require(name);
        return integer(name, 0);
    }

    /** A number, or a constant one-element tensor (a fill value held in the module's CONSTANTS). */
    double number(String name) {
        require(name);
        return number(name, 0);
    }

    double number(String name, double dflt) {
        Object v = get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof PyValues.Param) {
            v = ir.tensor(v);
        }
        if (v instanceof Value value && value.isConstant() && value.constant().numel() == 1) {
            return value.constant().scalar();
        }
        throw typeOrStatic(name, "a number", v);
    }

    boolean flag(String name, boolean dflt) {
        Object v = get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        Long l = IrBuilder.staticLong(v);
        if (l == null) {
            throw typeOrStatic(name, "a bool", v);
        }
        return l != 0;
    }

    String string(String name, String dflt) {
        Object v = get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        throw typeOrStatic(name, "a str", v);
    }

    /** An int list (a single int counts as a list of one), every item known now. */
    long[] ints(String name, long... dflt) {
        Object v = get(name);
        if (v == null) {
            return dflt;
        }
        List<?> items = items(v);
        if (items == null) {
            return new long[] {integer(name)};
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            Long l = IrBuilder.staticLong(items.get(i));
            if (l == null) {
                throw typeOrStatic(name + "[" + i + "]", "an int", items.get(i));
            }
            out[i] = l;
        }
        return out;
    }

    /** An int list stretched to {@code n} items when it holds one (kernel_size=[3] for 2-D). */
    long[] ints(String name, int n, long... dflt) {
        long[] v = ints(name, dflt);
        if (v.length == 1 && n > 1) {
            long[] out = new long[n];
            Arrays.fill(out, v[0]);
            return out;
        }
        if (v.length != n) {
            throw new ScriptError("aten::" + op + " " + name + " has " + v.length + " values for " + n + " axes");
        }
        return v;
    }

    /** A list or tuple argument's items. */
    List<?> list(String name) {
        List<?> items = items(require(name));
        if (items == null) {
            throw new ScriptError("aten::" + op + " argument " + name + " should be a list but is "
                    + PyValues.typeName(get(name)));
        }
        return items;
    }

    static List<?> items(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Tuple t) {
            return t.items();
        }
        return null;
    }

    private Object require(String name) {
        Object v = get(name);
        if (v == null) {
            throw new ScriptError("aten::" + op + " needs argument " + name);
        }
        return v;
    }

    private ScriptError typeOrStatic(String name, String wanted, Object v) {
        if (v instanceof Value) {
            return ScriptError.notStatic("argument " + name + " of aten::" + op);
        }
        return new ScriptError("aten::" + op + " argument " + name + " should be " + wanted + " but is "
                + PyValues.typeName(v));
    }
}

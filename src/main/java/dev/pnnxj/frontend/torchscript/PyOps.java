package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Python's operators on values known while converting: numbers, bools, strings, lists, None. */
final class PyOps {
    private PyOps() {
    }

    static Object binary(String op, Object a, Object b) {
        switch (op) {
            case "is" -> {
                return same(a, b);
            }
            case "is not" -> {
                return !same(a, b);
            }
            case "==" -> {
                return equal(a, b);
            }
            case "!=" -> {
                return !equal(a, b);
            }
            case "in", "not in" -> {
                List<?> items = OpArgs.items(b);
                if (items == null) {
                    throw unsupported(op, a, b);
                }
                boolean found = items.stream().anyMatch(x -> equal(x, a));
                return op.equals("in") == found;
            }
            default -> {
            }
        }
        if (a instanceof String s && b instanceof String t && op.equals("+")) {
            return s + t;
        }
        if (a instanceof List<?> l && b instanceof List<?> m && op.equals("+")) {
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported(op, a, b);
        }
        if (isInt(a) && isInt(b)) {
            long x = toLong(a);
            long y = toLong(b);
            return switch (op) {
                case "+" -> Math.addExact(x, y);
                case "-" -> Math.subtractExact(x, y);
                case "*" -> Math.multiplyExact(x, y);
                case "/" -> (double) x / y;
                case "//" -> Math.floorDiv(x, y);
                case "%" -> Math.floorMod(x, y);
                case "**" -> y >= 0 ? (Object) (long) Math.pow(x, y) : (Object) Math.pow(x, y);
                case "<" -> x < y;
                case ">" -> x > y;
                case "<=" -> x <= y;
                case ">=" -> x >= y;
                case "&" -> x & y;
                case "|" -> x | y;
                case "^" -> x ^ y;
                case "<<" -> x << y;
                case ">>" -> x >> y;
                default -> throw unsupported(op, a, b);
            };
        }
        double x = toDouble(a);
        double y = toDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "//" -> Math.floor(x / y);
            case "%" -> x - Math.floor(x / y) * y;
            case "**" -> Math.pow(x, y);
            case "<" -> x < y;
            case ">" -> x > y;
            case "<=" -> x <= y;
            case ">=" -> x >= y;
            default -> throw unsupported(op, a, b);
        };
    }

    /** str.format with {} fields, as TorchScript builds its error messages. */
    static String format(OpArgs a) {
        String f = a.string("self", "");
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        int at = 0;
        for (int i = f.indexOf("{}"); i >= 0; i = f.indexOf("{}", at)) {
            sb.append(f, at, i).append(PyValues.typeName(a.get("a" + arg)).equals("Tensor") ? "<tensor>"
                    : String.valueOf(a.get("a" + arg)));
            arg++;
            at = i + 2;
        }
        return sb.append(f.substring(at)).toString();
    }

    /** {@code l[idx] = el} on a list made while converting (scripted code builds size lists so). */
    @SuppressWarnings("unchecked")
    static Object setItem(OpArgs a) {
        List<Object> l = (List<Object>) a.list("l");
        long i = a.integer("idx");
        l.set((int) (i < 0 ? i + l.size() : i), a.get("el"));
        return l;
    }

    /** {@code l.append(el)} on a list made while converting. */
    @SuppressWarnings("unchecked")
    static Object append(OpArgs a) {
        List<Object> l = (List<Object>) a.list("self");
        l.add(a.get("el"));
        return l;
    }

    /** An int or bool known now. */
    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Boolean;
    }

    static boolean isNumber(Object v) {
        return isInt(v) || v instanceof Double;
    }

    static long toLong(Object v) {
        Long l = IrBuilder.staticLong(v);
        if (l == null) {
            throw v instanceof Value ? ScriptError.notStatic("an int") : new ScriptError("expected an int but got "
                    + PyValues.typeName(v));
        }
        return l;
    }

    static double toDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        return toLong(v);
    }

    /** Python's {@code is}: None only is None, tensors are the same tensor, other values compare equal. */
    private static boolean same(Object a, Object b) {
        if (a == null || b == null || a instanceof Value || b instanceof Value) {
            return a == b;
        }
        return equal(a, b);
    }

    private static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return toDouble(a) == toDouble(b);
        }
        if (a instanceof Tuple t && b instanceof Tuple u) {
            return equalItems(t.items(), u.items());
        }
        if (a instanceof List<?> l && b instanceof List<?> m) {
            return equalItems(l, m);
        }
        if (a instanceof Value || b instanceof Value) {
            throw new ScriptError("comparing tensors while converting is not supported");
        }
        return Objects.equals(a, b);
    }

    private static boolean equalItems(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static ScriptError unsupported(String op, Object a, Object b) {
        return new ScriptError("operator " + op + " on " + PyValues.typeName(a) + " and " + PyValues.typeName(b)
                + " is not supported while converting");
    }
}

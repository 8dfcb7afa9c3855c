package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ir.DType;
import dev.pnnxj.ir.Value;
import java.util.List;
import java.util.Set;

/**
 * The Python builtins ({@code int(x)}, {@code len(l)} ...) and {@code ops.prim.*} ops
 * TorchScript code calls. They work on values known while converting; a symbolic size stays the
 * IR value it is ({@code int(ops.prim.NumToTensor(torch.size(x, 0)))} is that size).
 */
final class PrimOps {
    private static final Set<String> BUILTINS = Set.of(
            "int", "float", "bool", "str", "len", "torch.device");

    private PrimOps() {
    }

    static boolean isBuiltin(String name) {
        return BUILTINS.contains(name);
    }

    static Object builtin(String name, List<Object> args, IrBuilder ir) {
        switch (name) {
            case "int" -> {
                Object v = arg(name, args, 0);
                if (v instanceof Double d) {
                    return (long) (double) d;
                }
                if (v instanceof String s) {
                    return Long.parseLong(s.trim());
                }
                Long l = IrBuilder.staticLong(v);
                return l != null ? l : ir.tensor(v);
            }
            case "float" -> {
                Object v = arg(name, args, 0);
                if (PyOps.isNumber(v)) {
                    return PyOps.toDouble(v);
                }
                Value t = ir.tensor(v);
                return t.isConstant() && t.constant().numel() == 1 ? (Object) t.constant().scalar() : t;
            }
            case "bool" -> {
                return ScriptInterpreter.truth(arg(name, args, 0), "bool()");
            }
            case "str" -> {
                return String.valueOf(arg(name, args, 0));
            }
            case "len" -> {
                Object v = arg(name, args, 0);
                List<?> items = OpArgs.items(v);
                return items != null ? (long) items.size() : (long) IrBuilder.dim(v, 0);
            }
            case "torch.device" -> {
                return String.valueOf(arg(name, args, 0));
            }
            default -> throw new ScriptError(name + " is not a function pnnx-j knows");
        }
    }

    static Object call(String op, List<Object> args, IrBuilder ir) {
        String name = "ops.prim." + op;
        switch (op) {
            case "NumToTensor", "unchecked_cast", "data" -> {
                return arg(name, args, 0);
            }
            case "RaiseException" -> throw new ScriptError("the model's code raises " + arg(name, args, 0));
            case "device" -> {
                return "cpu";
            }
            case "is_nested", "is_cuda", "is_quantized" -> {
                return false;
            }
            case "dtype" -> {
                DType t = ir.tensor(arg(name, args, 0)).dtype();
                if (t == null) {
                    throw ScriptError.notStatic("the dtype of a tensor");
                }
                return ScalarTypes.code(t);
            }
            case "min", "max" -> {
                List<?> items = args.size() == 1 ? OpArgs.items(args.get(0)) : args;
                if (items == null || items.isEmpty()) {
                    throw new ScriptError(name + " of " + args);
                }
                Object best = items.get(0);
                for (Object x : items.subList(1, items.size())) {
                    boolean less = (Boolean) PyOps.binary("<", x, best);
                    if (op.equals("min") == less) {
                        best = x;
                    }
                }
                return best;
            }
            default -> throw new ScriptError(name + " is not supported");
        }
    }

    private static Object arg(String name, List<Object> args, int i) {
        if (i >= args.size()) {
            throw new ScriptError(name + " needs " + (i + 1) + " arguments");
        }
        return args.get(i);
    }
}

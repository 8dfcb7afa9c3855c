package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.torchscript.PyAst.AnnAssign;
import dev.pnnxj.frontend.torchscript.PyAst.Assign;
import dev.pnnxj.frontend.torchscript.PyAst.Attr;
import dev.pnnxj.frontend.torchscript.PyAst.BinOp;
import dev.pnnxj.frontend.torchscript.PyAst.Call;
import dev.pnnxj.frontend.torchscript.PyAst.ClassDef;
import dev.pnnxj.frontend.torchscript.PyAst.Const;
import dev.pnnxj.frontend.torchscript.PyAst.DictExpr;
import dev.pnnxj.frontend.torchscript.PyAst.Expr;
import dev.pnnxj.frontend.torchscript.PyAst.ExprStmt;
import dev.pnnxj.frontend.torchscript.PyAst.FunctionDef;
import dev.pnnxj.frontend.torchscript.PyAst.If;
import dev.pnnxj.frontend.torchscript.PyAst.IfExp;
import dev.pnnxj.frontend.torchscript.PyAst.Keyword;
import dev.pnnxj.frontend.torchscript.PyAst.ListExpr;
import dev.pnnxj.frontend.torchscript.PyAst.Name;
import dev.pnnxj.frontend.torchscript.PyAst.Param;
import dev.pnnxj.frontend.torchscript.PyAst.Return;
import dev.pnnxj.frontend.torchscript.PyAst.Slice;
import dev.pnnxj.frontend.torchscript.PyAst.Stmt;
import dev.pnnxj.frontend.torchscript.PyAst.Subscript;
import dev.pnnxj.frontend.torchscript.PyAst.TupleExpr;
import dev.pnnxj.frontend.torchscript.PyAst.UnaryOp;
import dev.pnnxj.frontend.torchscript.PyAst.Unsupported;
import dev.pnnxj.frontend.torchscript.PyValues.BoundMethod;
import dev.pnnxj.frontend.torchscript.PyValues.Function;
import dev.pnnxj.frontend.torchscript.PyValues.Namespace;
import dev.pnnxj.frontend.torchscript.PyValues.Tuple;
import dev.pnnxj.frontend.torchscript.PyValues.Unusable;
import dev.pnnxj.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs TorchScript code symbolically: Python-level values (ints, lists, modules, strings) are
 * computed while converting, tensor operations become IR nodes through {@link AtenOps}, and
 * submodule methods and helper functions are inlined, so a whole forward becomes one graph.
 *
 * <p>An {@code if} runs the one branch its condition picks, which must be known while converting
 * ({@code self.training}, an {@code inplace} flag, a rank check); loops and conditions on tensor
 * data are refused with the file and line.
 */
final class ScriptInterpreter {
    /** Names that resolve to a namespace or builtin function when no local has them. */
    private static final Set<String> GLOBALS = Set.of("torch", "ops", "__torch__", "CONSTANTS", "int", "float",
            "bool", "str", "len", "getattr");
    private static final int MAX_DEPTH = 200;

    private final CodeLibrary code;
    private final IrBuilder ir;
    private final List<Object> constants;
    private final String archiveName;
    private int depth;

    /** One function activation: its definition, locals, and the module path its nodes are named by. */
    private record Frame(FunctionDef def, Map<String, Object> locals, String scope) {
    }

    /** A {@code return} that was run, with its value (which may be None). */
    private record Returned(Object value) {
    }

    ScriptInterpreter(CodeLibrary code, IrBuilder ir, List<Object> constants, String archiveName) {
        this.code = code;
        this.ir = ir;
        this.constants = constants;
        this.archiveName = archiveName;
    }

    /** Calls {@code def}, a method when {@code self} is not null, and returns its result. */
    Object call(FunctionDef def, ScriptObject self, List<Object> args, Map<String, Object> kwargs, String scope) {
        if (++depth > MAX_DEPTH) {
            throw new ConversionException(archiveName + ": calls nest deeper than " + MAX_DEPTH + " at " + def.file()
                    + ":" + def.line() + " (" + def.name() + "); recursive TorchScript is not converted");
        }
        try {
            Frame frame = new Frame(def, new HashMap<>(), scope);
            bind(frame, self, args, kwargs);
            Returned r = exec(def.body(), frame);
            return r == null ? null : r.value();
        } finally {
            depth--;
        }
    }

    private void bind(Frame f, ScriptObject self, List<Object> args, Map<String, Object> kwargs) {
        List<Param> params = f.def().params();
        List<Object> given = new ArrayList<>();
        if (self != null) {
            given.add(self);
        }
        given.addAll(args);
        for (String k : kwargs.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(k))) {
                throw new ConversionException(where(f, f.def().line()) + f.def().name() + "() has no argument '" + k + "'");
            }
        }
        if (given.size() > params.size()) {
            throw new ConversionException(where(f, f.def().line()) + f.def().name() + "() takes " + params.size()
                    + " arguments but is called with " + given.size());
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Object v;
            if (i < given.size()) {
                v = given.get(i);
            } else if (kwargs.containsKey(p.name())) {
                v = kwargs.get(p.name());
            } else if (p.dflt() != null) {
                v = evalAt(p.dflt(), new Frame(f.def(), Map.of(), f.scope()));
            } else {
                throw new ConversionException(where(f, f.def().line()) + f.def().name() + "() is called without argument '"
                        + p.name() + "'");
            }
            f.locals().put(p.name(), v);
        }
    }

    private Returned exec(List<Stmt> body, Frame f) {
        for (Stmt s : body) {
            Returned r;
            try {
                r = execOne(s, f);
            } catch (ScriptError | IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
                throw new ConversionException(where(f, s.line()) + e.getMessage(), e);
            }
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private Returned execOne(Stmt s, Frame f) {
        if (s instanceof Assign a) {
            assign(a.target(), eval(a.value(), f), f);
        } else if (s instanceof AnnAssign a) {
            if (a.value() != null) {
                assign(a.target(), eval(a.value(), f), f);
            }
        } else if (s instanceof ExprStmt e) {
            eval(e.expr(), f);
        } else if (s instanceof Return r) {
            return new Returned(r.value() == null ? null : eval(r.value(), f));
        } else if (s instanceof If i) {
            return exec(truth(eval(i.cond(), f), "the condition of an if") ? i.body() : i.orElse(), f);
        } else if (s instanceof Unsupported u) {
            throw new ScriptError("a " + u.construct() + ", which pnnx-j does not run: it converts straight-line"
                    + " TorchScript (with ifs it can decide while converting). Save the model with torch.jit.trace"
                    + " instead of torch.jit.script");
        }
        return null;
    }

    private void assign(Expr target, Object value, Frame f) {
        if (target instanceof Name n) {
            f.locals().put(n.id(), value);
            return;
        }
        List<Expr> targets = target instanceof TupleExpr t ? t.items() : target instanceof ListExpr l ? l.items() : null;
        if (targets == null) {
            throw new ScriptError("assigning to " + target.getClass().getSimpleName().toLowerCase()
                    + " (mutating a value) is not supported");
        }
        List<?> items = OpArgs.items(value);
        if (items == null || items.size() != targets.size()) {
            throw new ScriptError("cannot unpack " + PyValues.typeName(value) + (items == null ? "" : " of " + items.size())
                    + " into " + targets.size() + " names");
        }
        for (int i = 0; i < targets.size(); i++) {
            assign(targets.get(i), items.get(i), f);
        }
    }

    /** Evaluates an expression outside a statement (a default value), adding the location to errors. */
    private Object evalAt(Expr e, Frame f) {
        try {
            return eval(e, f);
        } catch (ScriptError | IllegalArgumentException | ArithmeticException e2) {
            throw new ConversionException(where(f, e.line()) + e2.getMessage(), e2);
        }
    }

    private Object eval(Expr e, Frame f) {
        if (e instanceof Const c) {
            return c.value();
        } else if (e instanceof Name n) {
            return name(n.id(), f);
        } else if (e instanceof Attr a) {
            return attribute(eval(a.target(), f), a.name());
        } else if (e instanceof Call c) {
            return call(c, f);
        } else if (e instanceof Subscript s) {
            return subscript(eval(s.target(), f), s.index(), f);
        } else if (e instanceof ListExpr l) {
            return evalAll(l.items(), f);
        } else if (e instanceof TupleExpr t) {
            return new Tuple(evalAll(t.items(), f));
        } else if (e instanceof DictExpr d) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                m.put(eval(d.keys().get(i), f), eval(d.values().get(i), f));
            }
            return m;
        } else if (e instanceof BinOp b) {
            return binary(b, f);
        } else if (e instanceof UnaryOp u) {
            return unary(u.op(), eval(u.operand(), f));
        } else if (e instanceof IfExp i) {
            return eval(truth(eval(i.cond(), f), "the condition of an if expression") ? i.then() : i.orElse(), f);
        }
        throw new ScriptError("a slice outside a subscript");
    }

    private List<Object> evalAll(List<Expr> items, Frame f) {
        List<Object> out = new ArrayList<>();
        for (Expr item : items) {
            out.add(eval(item, f));
        }
        return out;
    }

    private Object name(String id, Frame f) {
        if (f.locals().containsKey(id)) {
            Object v = f.locals().get(id);
            if (v instanceof Unusable u) {
                throw new ScriptError("'" + id + "' is " + u.what() + ", which pnnx-j does not produce");
            }
            return v;
        }
        if (GLOBALS.contains(id)) {
            return new Namespace(id);
        }
        throw new ScriptError("name '" + id + "' is not defined");
    }

    private Object attribute(Object target, String name) {
        if (target instanceof ScriptObject o) {
            return objectAttribute(o, name);
        }
        if (target instanceof Namespace ns) {
            if (ns.path().equals("CONSTANTS")) {
                return constant(name);
            }
            return ns.child(name);
        }
        throw new ScriptError(PyValues.typeName(target) + " has no attribute '" + name + "' that pnnx-j knows");
    }

    private Object objectAttribute(ScriptObject o, String name) {
        String path = o.path() == null || o.path().isEmpty() ? name : o.path() + "." + name;
        if (o.attributes().containsKey(name)) {
            return ModuleValues.wrap(o.attributes().get(name), path);
        }
        ClassDef c = code.classDef(o.className());
        FunctionDef method = c.methods().get(name);
        if (method != null) {
            return new BoundMethod(o, method);
        }
        Expr constant = c.constants().get(name);
        if (constant != null) {
            return eval(constant, new Frame(null, Map.of(), ""));
        }
        throw new ScriptError(o + " has no attribute '" + name + "'");
    }

    /** {@code CONSTANTS.c3}: item 3 of constants.pkl. */
    private Object constant(String name) {
        if (name.matches("c\\d+")) {
            int i = Integer.parseInt(name.substring(1));
            if (i < constants.size()) {
                return constants.get(i);
            }
        }
        throw new ScriptError("CONSTANTS." + name + " is not in constants.pkl (" + constants.size() + " constants)");
    }

    private Object call(Call c, Frame f) {
        // annotate(T, v), unchecked_cast(T, v) and uninitialized(T) name a type, which is not a value
        if (c.fn() instanceof Name n && !f.locals().containsKey(n.id())) {
            if ((n.id().equals("annotate") || n.id().equals("unchecked_cast")) && c.args().size() == 2) {
                return eval(c.args().get(1), f);
            }
            if (n.id().equals("uninitialized")) {
                return new Unusable("an uninitialized variable");
            }
        }
        Object fn = eval(c.fn(), f);
        List<Object> args = evalAll(c.args(), f);
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Keyword k : c.kwargs()) {
            kwargs.put(k.name(), eval(k.value(), f));
        }
        if (fn instanceof BoundMethod m) {
            return call(m.def(), m.self(), args, kwargs, m.self().path() == null ? f.scope() : m.self().path());
        } else if (fn instanceof Function fun) {
            return call(fun.def(), null, args, kwargs, f.scope());
        } else if (fn instanceof Namespace ns) {
            return callNamed(ns.path(), args, kwargs, f);
        }
        throw new ScriptError(PyValues.typeName(fn) + " is not callable");
    }

    private Object callNamed(String path, List<Object> args, Map<String, Object> kwargs, Frame f) {
        if (PrimOps.isBuiltin(path)) {
            return PrimOps.builtin(path, args, ir);
        }
        if (path.equals("getattr") && args.size() == 2 && args.get(1) instanceof String attr) {
            return attribute(args.get(0), attr);
        }
        String aten = atenName(path);
        if (aten != null) {
            ir.naming(f.scope().isEmpty() ? aten : f.scope());
            return AtenOps.call(aten, args, kwargs, ir);
        }
        if (path.startsWith("ops.prim.")) {
            return PrimOps.call(path.substring("ops.prim.".length()), args, ir);
        }
        if (path.startsWith("__torch__.")) {
            FunctionDef def = code.function(path);
            if (def == null) {
                throw new ScriptError(path + " is not a function in the archive's code (constructing objects is not"
                        + " supported)");
            }
            return call(def, null, args, kwargs, f.scope());
        }
        throw new ScriptError(path + " is not a function pnnx-j knows");
    }

    /** The aten op a dotted name calls ({@code torch.relu}, {@code ops.aten.relu}), or null. */
    private static String atenName(String path) {
        for (String prefix : List.of("torch.ops.aten.", "ops.aten.", "torch.")) {
            if (path.startsWith(prefix)) {
                String op = path.substring(prefix.length());
                return op.contains(".") ? null : op;
            }
        }
        return null;
    }

    private Object subscript(Object target, Expr index, Frame f) {
        if (target instanceof Map<?, ?> m) {
            Object key = eval(index, f);
            if (!m.containsKey(key)) {
                throw new ScriptError("key " + key + " is not in the dict");
            }
            return m.get(key);
        }
        List<?> items = OpArgs.items(target);
        if (items == null) {
            throw new ScriptError("subscripting a " + PyValues.typeName(target) + " is not supported (TorchScript"
                    + " writes tensor indexing as aten ops)");
        }
        if (index instanceof Slice s) {
            long n = items.size();
            long lo = s.lo() == null ? 0 : clampIndex(PyOps.toLong(eval(s.lo(), f)), n);
            long hi = s.hi() == null ? n : clampIndex(PyOps.toLong(eval(s.hi(), f)), n);
            if (s.step() != null && PyOps.toLong(eval(s.step(), f)) != 1) {
                throw new ScriptError("list slices with a step are not supported");
            }
            List<Object> out = new ArrayList<>(items.subList((int) lo, (int) Math.max(lo, hi)));
            return target instanceof Tuple ? new Tuple(out) : out;
        }
        long i = PyOps.toLong(eval(index, f));
        long at = i < 0 ? i + items.size() : i;
        if (at < 0 || at >= items.size()) {
            throw new ScriptError("index " + i + " out of range for a " + PyValues.typeName(target) + " of "
                    + items.size());
        }
        return items.get((int) at);
    }

    private static long clampIndex(long i, long n) {
        long at = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, at));
    }

    private Object binary(BinOp b, Frame f) {
        Object left = eval(b.left(), f);
        if (b.op().equals("and")) {
            return truth(left, "an 'and'") ? eval(b.right(), f) : left;
        }
        if (b.op().equals("or")) {
            return truth(left, "an 'or'") ? left : eval(b.right(), f);
        }
        return PyOps.binary(b.op(), left, eval(b.right(), f));
    }

    private static Object unary(String op, Object v) {
        return switch (op) {
            case "not" -> !truth(v, "a 'not'");
            case "-" -> PyOps.binary("*", v, -1L);
            case "+" -> v;
            default -> throw new ScriptError("operator " + op + " on " + PyValues.typeName(v) + " is not supported");
        };
    }

    /** Python truthiness of a value known now; tensors computed at run time cannot decide. */
    static boolean truth(Object v, String what) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Tuple t) {
            return !t.items().isEmpty();
        }
        if (v instanceof Value value && value.isConstant() && value.constant().numel() == 1) {
            return value.constant().scalar() != 0;
        }
        if (v instanceof Value) {
            throw new ScriptError(what + " depends on tensor data known only at run time, which a static ncnn graph"
                    + " cannot express");
        }
        return true;
    }

    private String where(Frame f, int line) {
        String file = f.def() == null ? "<class constant>" : f.def().file();
        String module = f.scope().isEmpty() ? "" : " (module '" + f.scope() + "')";
        return archiveName + ": " + file + ":" + line + module + ": ";
    }
}

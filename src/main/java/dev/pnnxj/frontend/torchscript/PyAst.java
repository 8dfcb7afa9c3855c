package dev.pnnxj.frontend.torchscript;

import java.util.List;
import java.util.Map;

/** The syntax tree of the Python subset TorchScript serialises. Lines are 1-based. */
final class PyAst {
    private PyAst() {
    }

    /** An expression. */
    sealed interface Expr {
        int line();
    }

    /** A name: local variable, parameter, builtin or namespace root ({@code torch}, {@code ops}). */
    record Name(String id, int line) implements Expr {
    }

    /** int (Long), float (Double), str, bool, or None (null). */
    record Const(Object value, int line) implements Expr {
    }

    record Attr(Expr target, String name, int line) implements Expr {
    }

    record Keyword(String name, Expr value) {
    }

    record Call(Expr fn, List<Expr> args, List<Keyword> kwargs, int line) implements Expr {
    }

    /** {@code target[index]}. */
    record Subscript(Expr target, Expr index, int line) implements Expr {
    }

    /** {@code lo:hi:step} inside a subscript; parts may be null. */
    record Slice(Expr lo, Expr hi, Expr step, int line) implements Expr {
    }

    record ListExpr(List<Expr> items, int line) implements Expr {
    }

    record TupleExpr(List<Expr> items, int line) implements Expr {
    }

    record DictExpr(List<Expr> keys, List<Expr> values, int line) implements Expr {
    }

    /** Arithmetic, comparison ({@code ==}, {@code is}, {@code not in} ...), {@code and} / {@code or}. */
    record BinOp(String op, Expr left, Expr right, int line) implements Expr {
    }

    /** {@code -}, {@code +}, {@code ~}, {@code not}. */
    record UnaryOp(String op, Expr operand, int line) implements Expr {
    }

    record IfExp(Expr cond, Expr then, Expr orElse, int line) implements Expr {
    }

    /** A statement. */
    sealed interface Stmt {
        int line();
    }

    /** {@code target = value}; the target is a Name, a TupleExpr / ListExpr of targets, or other. */
    record Assign(Expr target, Expr value, int line) implements Stmt {
    }

    /** {@code name : type [= value]} (class attributes and annotated locals). */
    record AnnAssign(Expr target, Expr type, Expr value, int line) implements Stmt {
    }

    record ExprStmt(Expr expr, int line) implements Stmt {
    }

    /** {@code return [value]}; value may be null. */
    record Return(Expr value, int line) implements Stmt {
    }

    record Pass(int line) implements Stmt {
    }

    record If(Expr cond, List<Stmt> body, List<Stmt> orElse, int line) implements Stmt {
    }

    /** A statement pnnx-j does not run ({@code for}, {@code while}, {@code with} ...): an error if reached. */
    record Unsupported(String construct, int line) implements Stmt {
    }

    /** A parameter: type and default may be null. */
    record Param(String name, Expr type, Expr dflt) {
    }

    /** A function or method; {@code file} is its source entry, for messages. */
    record FunctionDef(String name, List<Param> params, List<Stmt> body, String file, int line) {
    }

    /**
     * A class: attributes with a value in the class body ({@code Final} constants such as
     * {@code stride : Final[Tuple[int, int]] = (1, 1)}) and methods.
     */
    record ClassDef(String name, Map<String, Expr> constants, Map<String, FunctionDef> methods, int line) {
    }

    /** One code file: its classes and top-level functions by name. */
    record Module(String file, Map<String, ClassDef> classes, Map<String, FunctionDef> functions) {
    }
}

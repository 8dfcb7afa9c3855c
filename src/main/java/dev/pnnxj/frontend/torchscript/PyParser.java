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
import dev.pnnxj.frontend.torchscript.PyAst.Module;
import dev.pnnxj.frontend.torchscript.PyAst.Name;
import dev.pnnxj.frontend.torchscript.PyAst.Param;
import dev.pnnxj.frontend.torchscript.PyAst.Pass;
import dev.pnnxj.frontend.torchscript.PyAst.Return;
import dev.pnnxj.frontend.torchscript.PyAst.Slice;
import dev.pnnxj.frontend.torchscript.PyAst.Stmt;
import dev.pnnxj.frontend.torchscript.PyAst.Subscript;
import dev.pnnxj.frontend.torchscript.PyAst.TupleExpr;
import dev.pnnxj.frontend.torchscript.PyAst.UnaryOp;
import dev.pnnxj.frontend.torchscript.PyAst.Unsupported;
import dev.pnnxj.frontend.torchscript.PyToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the Python subset TorchScript serialises (class and function definitions, assignments,
 * calls, if / else, literals) into a {@link PyAst.Module}. Loops and other statements pnnx-j does
 * not run are kept as {@link Unsupported} markers, so they only fail if a converted forward
 * reaches them.
 */
final class PyParser {
    private static final Set<String> SKIPPED_BLOCKS = Set.of("for", "while", "with", "try", "except", "finally");
    private static final Set<String> SKIPPED_SIMPLE = Set.of(
            "break", "continue", "raise", "del", "assert", "global", "nonlocal", "yield", "lambda");

    private final List<PyToken> tokens;
    private final String file;
    private int pos;
    private int depth;

    /** Deepest nesting read; generated TorchScript code stays within a few levels. */
    static final int MAX_NESTING = 200;

    private PyParser(List<PyToken> tokens, String file) {
        this.tokens = tokens;
        this.file = file;
    }

    /** Parses one code file; {@code file} names it in errors and in the definitions. */
    static Module parseModule(String src, String file) {
        return new PyParser(PyLexer.tokenize(src, file), file).module();
    }

    /** Parses one expression (for tests and signatures). */
    static Expr parseExpression(String src) {
        PyParser p = new PyParser(PyLexer.tokenize(src, "<expression>"), "<expression>");
        Expr e = p.testList();
        p.skipNewlines();
        p.expect(Kind.END, "");
        return e;
    }

    private Module module() {
        Map<String, ClassDef> classes = new LinkedHashMap<>();
        Map<String, FunctionDef> functions = new LinkedHashMap<>();
        while (!peek().is(Kind.END, "")) {
            PyToken t = peek();
            if (t.kind() == Kind.NEWLINE) {
                pos++;
            } else if (t.isName("class")) {
                ClassDef c = classDef();
                classes.put(c.name(), c);
            } else if (t.isName("def")) {
                FunctionDef f = functionDef();
                functions.put(f.name(), f);
            } else if (t.isName("import") || t.isName("from")) {
                skipLine();
            } else {
                // module-level statements such as op_version_set = 1 carry nothing pnnx-j needs
                simpleStatement();
            }
        }
        return new Module(file, classes, functions);
    }

    private ClassDef classDef() {
        int line = next().line();
        String name = expect(Kind.NAME, null).text();
        if (accept("(")) {
            while (!accept(")")) {
                next();
            }
        }
        expect(Kind.OP, ":");
        expect(Kind.NEWLINE, "");
        expect(Kind.INDENT, "");
        Map<String, Expr> constants = new LinkedHashMap<>();
        Map<String, FunctionDef> methods = new LinkedHashMap<>();
        while (!peek().is(Kind.DEDENT, "")) {
            if (peek().kind() == Kind.NEWLINE) {
                pos++;
            } else if (peek().isName("def")) {
                FunctionDef f = functionDef();
                methods.put(f.name(), f);
            } else {
                Stmt s = simpleStatement();
                if (s instanceof AnnAssign a && a.target() instanceof Name n && a.value() != null) {
                    constants.put(n.id(), a.value());
                } else if (s instanceof Assign a && a.target() instanceof Name n) {
                    constants.put(n.id(), a.value());
                }
            }
        }
        next();
        return new ClassDef(name, constants, methods, line);
    }

    private FunctionDef functionDef() {
        int line = next().line();
        String name = expect(Kind.NAME, null).text();
        expect(Kind.OP, "(");
        List<Param> params = new ArrayList<>();
        while (!accept(")")) {
            String p = expect(Kind.NAME, null).text();
            Expr type = accept(":") ? test() : null;
            Expr dflt = accept("=") ? test() : null;
            params.add(new Param(p, type, dflt));
            if (!peek().isOp(")")) {
                expect(Kind.OP, ",");
            }
        }
        if (accept("->")) {
            test();
        }
        return new FunctionDef(name, params, suite(), file, line);
    }

    /** {@code : simple_stmt NEWLINE} or {@code : NEWLINE INDENT stmt+ DEDENT}. */
    private List<Stmt> suite() {
        enter();
        try {
            return block();
        } finally {
            depth--;
        }
    }

    private List<Stmt> block() {
        expect(Kind.OP, ":");
        List<Stmt> body = new ArrayList<>();
        if (peek().kind() != Kind.NEWLINE) {
            body.add(simpleStatement());
            return body;
        }
        next();
        skipNewlines();
        expect(Kind.INDENT, "");
        while (!peek().is(Kind.DEDENT, "")) {
            if (peek().kind() == Kind.NEWLINE) {
                pos++;
            } else {
                body.add(statement());
            }
        }
        next();
        return body;
    }

    private Stmt statement() {
        PyToken t = peek();
        if (t.isName("if")) {
            return ifStatement();
        }
        if (t.kind() == Kind.NAME && (SKIPPED_BLOCKS.contains(t.text()) || t.text().equals("def")
                || t.text().equals("class"))) {
            next();
            skipToColon();
            suite();
            return new Unsupported(t.text().equals("def") || t.text().equals("class") ? "nested " + t.text()
                    : t.text() + " statement", t.line());
        }
        return simpleStatement();
    }

    /** Skips a block header up to its ':' (a ':' inside brackets is a slice, not the end). */
    private void skipToColon() {
        int depth = 0;
        while (depth > 0 || !peek().isOp(":")) {
            PyToken t = next();
            if (t.kind() == Kind.END || t.kind() == Kind.NEWLINE) {
                throw error("a block header without ':'");
            }
            if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                depth++;
            } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                depth--;
            }
        }
    }

    private Stmt ifStatement() {
        int line = next().line();
        Expr cond = test();
        List<Stmt> body = suite();
        List<Stmt> orElse = new ArrayList<>();
        if (peek().isName("elif")) {
            orElse.add(ifStatement());
        } else if (peek().isName("else")) {
            next();
            orElse = suite();
        }
        return new If(cond, body, orElse, line);
    }

    private Stmt simpleStatement() {
        PyToken t = peek();
        Stmt s;
        if (t.isName("pass")) {
            next();
            s = new Pass(t.line());
        } else if (t.isName("return")) {
            next();
            s = new Return(peek().kind() == Kind.NEWLINE ? null : testList(), t.line());
        } else if (t.kind() == Kind.NAME && SKIPPED_SIMPLE.contains(t.text())) {
            skipLine();
            return new Unsupported(t.text() + " statement", t.line());
        } else {
            Expr e = testList();
            if (accept("=")) {
                s = new Assign(e, testList(), t.line());
            } else if (accept(":")) {
                Expr type = test();
                s = new AnnAssign(e, type, accept("=") ? testList() : null, t.line());
            } else {
                s = new ExprStmt(e, t.line());
            }
        }
        if (peek().kind() != Kind.END) {
            expect(Kind.NEWLINE, "");
        }
        return s;
    }

    /** Expressions separated by commas: one alone, else a tuple (a trailing comma makes one too). */
    private Expr testList() {
        int line = peek().line();
        Expr first = test();
        if (!peek().isOp(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (startsExpression()) {
                items.add(test());
            }
        }
        return new TupleExpr(items, line);
    }

    private boolean startsExpression() {
        PyToken t = peek();
        return switch (t.kind()) {
            case NAME -> !Set.of("in", "if", "else", "for").contains(t.text());
            case INT, FLOAT, STRING -> true;
            case OP -> Set.of("(", "[", "{", "-", "+", "~").contains(t.text());
            default -> false;
        };
    }

    private Expr test() {
        enter();
        try {
            return conditional();
        } finally {
            depth--;
        }
    }

    /**
     * Counts one level of nesting (brackets, unary operators, blocks) and refuses code nested past
     * {@link #MAX_NESTING}: parsing and interpreting recurse per level, and the Java stack would
     * end the conversion with a StackOverflowError instead of a message.
     */
    private void enter() {
        if (++depth > MAX_NESTING) {
            throw new ConversionException(file + ":" + peek().line() + ": TorchScript code nested deeper than "
                    + MAX_NESTING + " levels (brackets, operators or blocks), which pnnx-j does not read; the archive"
                    + " is damaged or crafted. Simplify the expression in the model's Python code and re-export it");
        }
    }

    private Expr conditional() {
        Expr e = orTest();
        if (peek().isName("if")) {
            int line = next().line();
            Expr cond = orTest();
            expect(Kind.NAME, "else");
            return new IfExp(cond, e, test(), line);
        }
        return e;
    }

    private Expr orTest() {
        Expr e = andTest();
        while (peek().isName("or")) {
            next();
            e = new BinOp("or", e, andTest(), e.line());
        }
        return e;
    }

    private Expr andTest() {
        Expr e = notTest();
        while (peek().isName("and")) {
            next();
            e = new BinOp("and", e, notTest(), e.line());
        }
        return e;
    }

    private Expr notTest() {
        if (peek().isName("not")) {
            int line = next().line();
            enter();
            try {
                return new UnaryOp("not", notTest(), line);
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private Expr comparison() {
        Expr e = binary(0);
        while (true) {
            PyToken t = peek();
            String op;
            if (t.kind() == Kind.OP && Set.of("<", ">", "==", ">=", "<=", "!=").contains(t.text())) {
                op = t.text();
                next();
            } else if (t.isName("in")) {
                op = "in";
                next();
            } else if (t.isName("not") && tokens.get(pos + 1).isName("in")) {
                op = "not in";
                pos += 2;
            } else if (t.isName("is")) {
                next();
                op = accept("not") ? "is not" : "is";
            } else {
                return e;
            }
            e = new BinOp(op, e, binary(0), e.line());
        }
    }

    /** Binary operator levels from loosest to tightest. */
    private static final List<Set<String>> LEVELS = List.of(
            Set.of("|"), Set.of("^"), Set.of("&"), Set.of("<<", ">>"), Set.of("+", "-"),
            Set.of("*", "/", "//", "%", "@"));

    private Expr binary(int level) {
        if (level == LEVELS.size()) {
            return factor();
        }
        Expr e = binary(level + 1);
        while (peek().kind() == Kind.OP && LEVELS.get(level).contains(peek().text())) {
            String op = next().text();
            e = new BinOp(op, e, binary(level + 1), e.line());
        }
        return e;
    }

    private Expr factor() {
        enter();
        try {
            return unary();
        } finally {
            depth--;
        }
    }

    private Expr unary() {
        PyToken t = peek();
        if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
            next();
            Expr operand = factor();
            if (t.isOp("-") && operand instanceof Const c && c.value() instanceof Long l) {
                return new Const(-l, t.line());
            }
            if (t.isOp("-") && operand instanceof Const c && c.value() instanceof Double d) {
                return new Const(-d, t.line());
            }
            return new UnaryOp(t.text(), operand, t.line());
        }
        Expr e = primary();
        if (accept("**")) {
            return new BinOp("**", e, factor(), e.line());
        }
        return e;
    }

    private Expr primary() {
        Expr e = atom();
        while (true) {
            PyToken t = peek();
            if (t.isOp("(")) {
                next();
                e = callArgs(e, t.line());
            } else if (t.isOp("[")) {
                next();
                e = new Subscript(e, subscript(), t.line());
                expect(Kind.OP, "]");
            } else if (t.isOp(".")) {
                next();
                e = new Attr(e, expect(Kind.NAME, null).text(), t.line());
            } else {
                return e;
            }
        }
    }

    private Expr callArgs(Expr fn, int line) {
        List<Expr> args = new ArrayList<>();
        List<Keyword> kwargs = new ArrayList<>();
        while (!accept(")")) {
            if (peek().kind() == Kind.NAME && tokens.get(pos + 1).isOp("=")) {
                String name = next().text();
                next();
                kwargs.add(new Keyword(name, test()));
            } else if (!kwargs.isEmpty()) {
                throw error("a positional argument follows a keyword argument");
            } else {
                args.add(test());
            }
            if (!peek().isOp(")")) {
                expect(Kind.OP, ",");
            }
        }
        return new Call(fn, args, kwargs, line);
    }

    private Expr subscript() {
        int line = peek().line();
        List<Expr> items = new ArrayList<>();
        do {
            if (peek().isOp("]")) {
                break;
            }
            items.add(sliceItem());
        } while (accept(","));
        return items.size() == 1 ? items.get(0) : new TupleExpr(items, line);
    }

    private Expr sliceItem() {
        int line = peek().line();
        Expr lo = peek().isOp(":") ? null : test();
        if (!accept(":")) {
            return lo;
        }
        Expr hi = peek().isOp(":") || peek().isOp("]") || peek().isOp(",") ? null : test();
        Expr step = null;
        if (accept(":")) {
            step = peek().isOp("]") || peek().isOp(",") ? null : test();
        }
        return new Slice(lo, hi, step, line);
    }

    private Expr atom() {
        PyToken t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "None" -> new Const(null, t.line());
                    case "True" -> new Const(Boolean.TRUE, t.line());
                    case "False" -> new Const(Boolean.FALSE, t.line());
                    default -> new Name(t.text(), t.line());
                };
            }
            case INT -> {
                try {
                    return new Const(Long.parseLong(t.text()), t.line());
                } catch (NumberFormatException e) {
                    throw error("integer " + t.text() + " does not fit in 64 bits");
                }
            }
            case FLOAT -> {
                return new Const(Double.parseDouble(t.text()), t.line());
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) {
                    sb.append(next().text());
                }
                return new Const(sb.toString(), t.line());
            }
            case OP -> {
                if (t.text().equals("(")) {
                    if (accept(")")) {
                        return new TupleExpr(List.of(), t.line());
                    }
                    Expr e = testList();
                    expect(Kind.OP, ")");
                    return e;
                }
                if (t.text().equals("[")) {
                    List<Expr> items = new ArrayList<>();
                    while (!accept("]")) {
                        items.add(test());
                        if (!peek().isOp("]")) {
                            expect(Kind.OP, ",");
                        }
                    }
                    return new ListExpr(items, t.line());
                }
                if (t.text().equals("{")) {
                    List<Expr> keys = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    while (!accept("}")) {
                        keys.add(test());
                        expect(Kind.OP, ":");
                        values.add(test());
                        if (!peek().isOp("}")) {
                            expect(Kind.OP, ",");
                        }
                    }
                    return new DictExpr(keys, values, t.line());
                }
            }
            default -> {
            }
        }
        pos--;
        throw error("unexpected " + t);
    }

    private void skipLine() {
        while (peek().kind() != Kind.NEWLINE && peek().kind() != Kind.END) {
            next();
        }
        if (peek().kind() == Kind.NEWLINE) {
            next();
        }
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            next();
        }
    }

    private PyToken peek() {
        return tokens.get(pos);
    }

    private PyToken next() {
        PyToken t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    /** Consumes the operator or keyword {@code text} if it is next. */
    private boolean accept(String text) {
        PyToken t = peek();
        if ((t.kind() == Kind.OP || t.kind() == Kind.NAME) && t.text().equals(text)) {
            pos++;
            return true;
        }
        return false;
    }

    /** The next token, which must be of {@code kind} (and read {@code text} unless that is null). */
    private PyToken expect(Kind kind, String text) {
        PyToken t = peek();
        if (t.kind() != kind || text != null && !text.isEmpty() && !t.text().equals(text)) {
            String wanted = text == null || text.isEmpty() ? kind.name().toLowerCase() : "'" + text + "'";
            throw error("expected " + wanted + " but found " + t);
        }
        return next();
    }

    private ConversionException error(String what) {
        return new ConversionException(file + ":" + peek().line() + ": " + what + " in TorchScript code, which pnnx-j"
                + " cannot parse; the archive is damaged or was written by an unknown PyTorch version");
    }
}

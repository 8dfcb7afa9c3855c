package dev.pnnxj.frontend.torchscript;

import dev.pnnxj.ConversionException;
import dev.pnnxj.frontend.torchscript.PyToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits the Python that TorchScript serialises into tokens, with Python's INDENT / DEDENT and
 * NEWLINE tokens (none inside brackets, where lines join).
 */
final class PyLexer {
    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", "<=", ">=", "->", "<<", ">>",
        "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", "&", "|",
        "^", "~",
    };

    private final String src;
    private final String file;
    private final List<PyToken> out = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int depth;

    private PyLexer(String src, String file) {
        this.src = src;
        this.file = file;
        indents.push(0);
    }

    /** The tokens of {@code src}; {@code file} names it in errors. */
    static List<PyToken> tokenize(String src, String file) {
        return new PyLexer(src, file).run();
    }

    private List<PyToken> run() {
        boolean lineStart = true;
        while (pos < src.length()) {
            if (lineStart && depth == 0) {
                lineStart = false;
                if (!indentation()) {
                    lineStart = true;
                    continue;
                }
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                if (depth == 0) {
                    add(Kind.NEWLINE, "");
                    lineStart = true;
                }
                pos++;
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == '#') {
                skipComment();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                add(Kind.NAME, src.substring(start, pos));
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else {
                operator();
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            add(Kind.NEWLINE, "");
        }
        while (indents.peek() > 0) {
            indents.pop();
            add(Kind.DEDENT, "");
        }
        add(Kind.END, "");
        return out;
    }

    /** Reads a line's indentation; false when the line is blank or a comment (then skipped). */
    private boolean indentation() {
        int width = 0;
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            width += src.charAt(pos) == '\t' ? 8 - width % 8 : 1;
            pos++;
        }
        if (pos >= src.length()) {
            return false;
        }
        char c = src.charAt(pos);
        if (c == '\n' || c == '\r' || c == '#') {
            if (c == '#') {
                skipComment();
            }
            while (pos < src.length() && src.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < src.length()) {
                pos++;
                line++;
            }
            return false;
        }
        if (width > indents.peek()) {
            indents.push(width);
            add(Kind.INDENT, "");
        }
        while (width < indents.peek()) {
            indents.pop();
            add(Kind.DEDENT, "");
        }
        if (width != indents.peek()) {
            throw error("inconsistent indentation");
        }
        return true;
    }

    private void skipComment() {
        while (pos < src.length() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void number() {
        int start = pos;
        boolean floating = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isDigit(c) || c == '_') {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                floating = true;
                pos++;
                if ((c == 'e' || c == 'E') && pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
        }
        add(floating ? Kind.FLOAT : Kind.INT, src.substring(start, pos).replace("_", ""));
    }

    private void string(char quote) {
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                line = startLine;
                throw error("unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                break;
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        add(Kind.STRING, sb.toString());
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    depth++;
                } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                    depth = Math.max(0, depth - 1);
                }
                add(Kind.OP, op);
                return;
            }
        }
        throw error("unexpected character '" + src.charAt(pos) + "'");
    }

    private void add(Kind kind, String text) {
        out.add(new PyToken(kind, text, line));
    }

    private ConversionException error(String what) {
        return new ConversionException(file + ":" + line + ": " + what + " in TorchScript code; the archive is damaged"
                + " or was written by an unknown PyTorch version");
    }
}

package dev.pnnxj.frontend.torchscript;

/** One token of TorchScript's Python source, with the line it starts on. */
record PyToken(Kind kind, String text, int line) {
    enum Kind { NAME, INT, FLOAT, STRING, OP, NEWLINE, INDENT, DEDENT, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return is(Kind.OP, t);
    }

    boolean isName(String t) {
        return is(Kind.NAME, t);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NEWLINE -> "end of line";
            case INDENT -> "indent";
            case DEDENT -> "dedent";
            case END -> "end of file";
            default -> "'" + text + "'";
        };
    }
}
